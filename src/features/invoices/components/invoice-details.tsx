import { useId } from 'react'
import type { Invoice } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { invoicesMessages } from '../invoices-messages'

export function InvoiceDetails({ invoice }: { invoice: Invoice }) {
  const t = invoicesMessages.useT()
  const format = useFormat()
  const billedToId = useId()
  const linesId = useId()

  return (
    <>
      <div className="invoice-detail-grid">
        <dl className="details">
          <dt>{t('issued')}</dt>
          <dd>{format.date(invoice.issuedAt)}</dd>
          <dt>{t('due')}</dt>
          <dd>{format.date(invoice.dueAt)}</dd>
          <dt>{t('descriptionLabel')}</dt>
          <dd>{invoice.description}</dd>
          <dt>{t('total')}</dt>
          <dd>{format.money(invoice.total)}</dd>
        </dl>
        <div aria-labelledby={billedToId} role="group">
          <h3 id={billedToId}>{t('billedTo')}</h3>
          <address className="invoice-address">
            {[invoice.billedTo.name, ...invoice.billedTo.address].map((line, index) => (
              <span key={index}>{line}</span>
            ))}
          </address>
        </div>
      </div>

      <h3 id={linesId}>{t('linesTitle')}</h3>
      <div className="invoice-lines">
        <table aria-labelledby={linesId}>
          <thead>
            <tr>
              <th scope="col">{t('colDescription')}</th>
              <th scope="col" className="number">
                {t('colQuantity')}
              </th>
              <th scope="col" className="number">
                {t('colUnitPrice')}
              </th>
              <th scope="col" className="number">
                {t('colAmount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.length === 0 ? (
              <tr>
                <td colSpan={4} className="empty-state">
                  {t('noLines')}
                </td>
              </tr>
            ) : (
              invoice.lines.map((line, index) => (
                // Lines have no id, and their order is the invoice's: the position is their identity.
                <tr key={index}>
                  <td>{line.description}</td>
                  <td className="number">{format.number(line.quantity)}</td>
                  <td className="number">{format.money(line.unitPrice)}</td>
                  <td className="number">{format.money(line.amount)}</td>
                </tr>
              ))
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3} className="number">
                {t('subtotal')}
              </th>
              <td className="number">{format.money(invoice.subtotal)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={3} className="number">
                {t('tax')}
              </th>
              <td className="number">{format.money(invoice.tax)}</td>
            </tr>
            <tr className="invoice-grand-total">
              <th scope="row" colSpan={3} className="number">
                {t('total')}
              </th>
              <td className="number">{format.money(invoice.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  )
}
