import { useCatalog } from '@/billing/api/get-catalog'
import { useSubscription } from '@/billing/api/get-subscription'
import type { OrderItem } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { requestsMessages } from './requests-messages'

/**
 * A requested change in the admin's words ("Seats: 25 → 30"), from the catalog (the vendor's,
 * stays up) and the subscription when it is known (saved or fresh); without it, it still reads well.
 */
export function useDescribeChange(): (item: OrderItem) => string {
  const t = requestsMessages.useT()
  const format = useFormat()
  const { data: catalog } = useCatalog()
  const { data: subscription } = useSubscription()

  return (item) => {
    switch (item.type) {
      case 'seats': {
        const to = format.number(item.seats)
        return subscription
          ? t('itemSeatsChange', { from: format.number(subscription.seats.purchased), to })
          : t('itemSeatsTotal', { to })
      }
      case 'plan': {
        const to = catalog?.plans.find((plan) => plan.id === item.planId)?.name ?? item.planId
        return subscription ? t('itemPlanChange', { from: subscription.plan.name, to }) : t('itemPlan', { to })
      }
      case 'addon': {
        const owned = subscription?.addons.find((addon) => addon.id === item.addonId)
        const name = catalog?.addons.find((addon) => addon.id === item.addonId)?.name ?? owned?.name ?? item.addonId
        if (item.quantity === 0) return t('itemAddonRemove', { name })
        const quantity = format.number(item.quantity)
        return owned
          ? t('itemAddonChange', { name, from: format.number(owned.quantity), to: quantity })
          : t('itemAddonNew', { name, quantity })
      }
    }
  }
}
