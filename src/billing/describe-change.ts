import { useCatalog } from '@/billing/api/get-catalog'
import { useSubscription } from '@/billing/api/get-subscription'
import type { OrderItem } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { changeMessages } from './change-messages'

/**
 * What a change is measured from: the subscription as it is now, or, for a change request already
 * decided, what its requester saw when asking (the subscription now already shows an ordered change:
 * "Seats: 30 → 30"). Null fields and add-ons are not known then: the item says only where it goes.
 */
export type ChangeFrom = { seats: number | null; planId: string | null }

/**
 * A change (in the cart or in a change request) in the admin's words and language ("Seats: 25 → 30"), from the catalog (the vendor's,
 * stays up) and the subscription when it is known; without it, the item still reads well.
 */
export function useDescribeItem(): (item: OrderItem, from?: ChangeFrom) => string {
  const t = changeMessages.useT()
  const format = useFormat()
  const { data: catalog } = useCatalog()
  const { data: subscription } = useSubscription()

  const planName = (id: string) => catalog?.plans.find((plan) => plan.id === id)?.name ?? id

  return (item, from) => {
    switch (item.type) {
      case 'seats': {
        const to = format.number(item.seats)
        const seats = from ? from.seats : (subscription?.seats.purchased ?? null)
        return seats === null ? t('seatsTotal', { to }) : t('seatsChange', { from: format.number(seats), to })
      }
      case 'plan': {
        const to = planName(item.planId)
        const plan = from ? (from.planId === null ? null : planName(from.planId)) : (subscription?.plan.name ?? null)
        return plan === null ? t('plan', { to }) : t('planChange', { from: plan, to })
      }
      case 'addon': {
        const owned = from ? undefined : subscription?.addons.find((addon) => addon.id === item.addonId)
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
