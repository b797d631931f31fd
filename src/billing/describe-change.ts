import { useCatalog } from '@/billing/api/get-catalog'
import { useSubscription } from '@/billing/api/get-subscription'
import type { OrderItem } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { changeMessages } from './change-messages'

/**
 * A change (in the cart or in a change request) in the admin's words and language ("Seats: 25 → 30"), from the catalog (the vendor's,
 * stays up) and the subscription when it is known; without it, the item still reads well.
 */
export function useDescribeItem(): (item: OrderItem) => string {
  const t = changeMessages.useT()
  const format = useFormat()
  const { data: catalog } = useCatalog()
  const { data: subscription } = useSubscription()

  return (item) => {
    switch (item.type) {
      case 'seats': {
        const to = format.number(item.seats)
        return subscription
          ? t('seatsChange', { from: format.number(subscription.seats.purchased), to })
          : t('seatsTotal', { to })
      }
      case 'plan': {
        const to = catalog?.plans.find((plan) => plan.id === item.planId)?.name ?? item.planId
        return subscription ? t('planChange', { from: subscription.plan.name, to }) : t('plan', { to })
      }
      case 'addon': {
        const owned = subscription?.addons.find((addon) => addon.id === item.addonId)
        const name = catalog?.addons.find((addon) => addon.id === item.addonId)?.name ?? owned?.name ?? item.addonId
        if (item.quantity === 0) return t('addonRemove', { name })
        const quantity = format.number(item.quantity)
        return owned
          ? t('addonChange', { name, from: format.number(owned.quantity), to: quantity })
          : t('addonNew', { name, quantity })
      }
    }
  }
}
