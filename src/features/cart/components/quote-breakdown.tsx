import type { Quote } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { cartMessages } from '../cart-messages'
import { useDescribeItem } from '@/billing/describe-change'

/** The provider's price for the cart: each change prorated, then discount, tax and the total due now. */
export function QuoteBreakdown({ quote }: { quote: Quote }) {
  const t = cartMessages.useT()
  const format = useFormat()
  const describeItem = useDescribeItem()
  return (
    <div className="quote">
      <table>
        <caption className="visually-hidden">{t('quoteCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columnChange')}</th>
            <th scope="col" className="number">
              {t('columnProrated')}
            </th>
          </tr>
        </thead>
        <tbody>
          {quote.lines.map((line, index) => (
            <tr key={index}>
              <th scope="row">{describeItem(line.item)}</th>
              <td className="number">{format.money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('subtotal')}</th>
            <td className="number">{format.money(quote.subtotal)}</td>
          </tr>
          {quote.discount.amountMinor !== 0 ? (
            <tr>
              <th scope="row">{t('discount', { code: quote.promoCode ?? '' })}</th>
              <td className="number">−{format.money(quote.discount)}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">{t('tax', { rate: format.number(quote.taxRatePercent) })}</th>
            <td className="number">{format.money(quote.tax)}</td>
          </tr>
          <tr className="quote-total">
            <th scope="row">{t('totalDueNow')}</th>
            <td className="number">{format.money(quote.total)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="quote-note">
        {t('prorationNote', { from: format.date(quote.prorationDate), to: format.date(quote.periodEnd) })}{' '}
        {quote.total.amountMinor < 0 ? t('creditNote') : null}
      </p>
    </div>
  )
}
