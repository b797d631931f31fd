/**
 * The gateway's configuration in simulated mode: the demo catalog mapped onto the Zuora
 * simulator's product rate plans and charges, and the demo directory (the demo users sign in by
 * email, in simulated mode only). A real deployment writes the same two files for its own tenant
 * (deploy/gateway/*.example.json).
 */
import type { BillingCatalog } from '../gateway/config/billing-catalog'
import { demoDirectory, type Directory } from '../gateway/identity/directory'
import { catalog } from './backend/catalog'
import { isoDate } from './backend/dates'
import { accountCreatedAt } from './backend/seed'
import { demoOAuthClient, demoPaymentPageId, zuoraAddonIds, zuoraDiscountIds, zuoraPlanIds } from './zuora/catalog-ids'

export function demoBillingCatalog(): BillingCatalog {
  return {
    currency: catalog.currency,
    plans: catalog.plans.map((plan) => {
      const ids = zuoraPlanIds[plan.id as keyof typeof zuoraPlanIds]
      return {
        ...plan,
        zuora: { productRatePlanId: ids.productRatePlanId, seatChargeId: ids.productRatePlanChargeId },
      }
    }),
    addons: catalog.addons.map((addon) => {
      const ids = zuoraAddonIds[addon.id as keyof typeof zuoraAddonIds]
      return { ...addon, zuora: { productRatePlanId: ids.productRatePlanId, chargeId: ids.productRatePlanChargeId } }
    }),
    promoCodes: Object.entries(zuoraDiscountIds).map(([code, ids]) => ({
      code,
      productRatePlanId: ids.productRatePlanId,
      chargeId: ids.productRatePlanChargeId,
    })),
  }
}

/** The demo directory, with each account opened when its seeded history says. */
export function demoGatewayDirectory(now: Date): Directory {
  const today = isoDate(now)
  return {
    ...demoDirectory,
    accounts: demoDirectory.accounts.map((account) => ({ ...account, createdAt: accountCreatedAt(account.id, today) })),
  }
}

export const demoZuoraClient = { baseUrl: 'https://rest.sim.zuora.invalid', ...demoOAuthClient }
export { demoPaymentPageId }
