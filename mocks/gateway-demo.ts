/**
 * The gateway's configuration in simulated mode: the demo catalog mapped onto the Zuora
 * simulator's product rate plans and charges, and the demo directory (the demo users sign in by
 * email, in simulated mode only). A real deployment writes the same two files for its own tenant
 * (deploy/gateway/*.example.json).
 */
import type { BillingCatalog } from '../gateway/config/billing-catalog'
import type { GatewayDeps, SimulatedCard } from '../gateway/context'
import { demoDirectory, type Directory } from '../gateway/identity/directory'
import { catalog } from './demo-data/catalog'
import { isoDate } from './demo-data/dates'
import { accountCreatedAt } from './demo-data/seed'
import type { ZuoraSimulator } from './zuora'
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

const zuoraUrl = (path: string) => new URL(path, demoZuoraClient.baseUrl).toString()

/** Zuora's names for the card fields the simulated page refuses, and ours. */
const cardFieldNames: Record<string, keyof SimulatedCard> = {
  errorField_creditCardNumber: 'cardNumber',
  errorField_creditCardExpirationMonth: 'expMonth',
  errorField_creditCardExpirationYear: 'expYear',
  errorField_creditCardHolderName: 'holderName',
}

/**
 * Payment Pages 2.0 on the simulator: the page id, the URI its signatures are for, and how a card
 * typed on the gateway's simulated page reaches the simulated tenant (the real page posts it to
 * Zuora from the admin's browser).
 */
export function demoPaymentPages(simulator: ZuoraSimulator): GatewayDeps['paymentPages'] {
  async function simulatedCompletion(input: { token: string; accountId: string; card: SimulatedCard }) {
    const answer = await simulator.handle(
      new Request(zuoraUrl('/__simulated/payment-pages/complete'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      }),
    )
    if (!answer.ok) throw new Error(`The simulated payment page answered ${answer.status}`)
    const body = (await answer.json()) as Record<string, unknown>
    if (body.success === true) return { ok: true as const }
    const fields = Object.fromEntries(
      Object.entries(cardFieldNames)
        .filter(([zuoraField]) => typeof body[zuoraField] === 'string')
        .map(([, ours]) => [ours, ours === 'holderName' ? 'Enter the name on the card.' : 'Check this value.']),
    )
    return { ok: false as const, fields }
  }
  return { pageId: demoPaymentPageId, uri: zuoraUrl('/apps/PublicHostedPageLite.do'), simulatedCompletion }
}
