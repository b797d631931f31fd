import { TableScroll } from '@/components/table-scroll'
import type { Subscription } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { subscriptionMessages } from '../subscription-messages'

/** The add-ons on the subscription, with what each costs a month. */
export function SubscriptionAddons({ addons }: { addons: Subscription['addons'] }) {
  const t = subscriptionMessages.useT()
  const format = useFormat()
  return (
    <TableScroll label={t('addonsCaption')}>
      <table>
        <caption className="visually-hidden">{t('addonsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('addon')}</th>
            <th scope="col" className="number">
              {t('quantity')}
            </th>
            <th scope="col" className="number">
              {t('unitPrice')}
            </th>
            <th scope="col" className="number">
              {t('monthlyAmount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {addons.map((addon) => (
            <tr key={addon.id}>
              <th scope="row">{addon.name}</th>
              <td className="number">{format.number(addon.quantity)}</td>
              <td className="number">{format.money(addon.unitPrice)}</td>
              <td className="number">
                {format.money({
                  amountMinor: addon.unitPrice.amountMinor * addon.quantity,
                  currency: addon.unitPrice.currency,
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
