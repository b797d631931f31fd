/**
 * `GET /v1/subscriptions/accounts/{account-key}`: the account's subscriptions with their rate
 * plans and charges. A charge changed by an order has several segments (same `number`, rising
 * `segment`); `charge-detail` says which one comes back: the last (default), the one in effect
 * today (`current-segment`), on a date (`specific-segment` + `as-of-date`), or the last with all of
 * them under `chargeSegments` (`all-segments`).
 */
import { helpDeskProduct } from './catalog-ids'
import { findCatalogRatePlan } from './catalog'
import { decimal, fail, json, notFound, reasonCodes } from './responses'
import { findAccount, type SimState, type ZAccount, type ZChargeSegment, type ZSubscription } from './state'

type ChargeDetail = 'last-segment' | 'current-segment' | 'all-segments' | 'specific-segment'

function chargeView(segment: ZChargeSegment, subscription: ZSubscription, uom: string | null) {
  const perUnit = segment.model === 'PerUnit'
  const monthly = perUnit ? (segment.unitPriceMinor ?? 0) * (segment.quantity ?? 0) : 0
  return {
    id: segment.id,
    number: segment.number,
    originalChargeId: segment.id,
    productRatePlanChargeId: segment.productRatePlanChargeId,
    name: segment.name,
    type: 'Recurring',
    model: segment.model,
    quantity: segment.quantity,
    price: perUnit ? decimal(segment.unitPriceMinor ?? 0) : null,
    discountPercentage: segment.discountPercentage,
    upToPeriods: segment.upToPeriods,
    upToPeriodsType: segment.upToPeriods === null ? null : 'Billing_Periods',
    segment: segment.segment,
    version: subscription.version,
    effectiveStartDate: segment.effectiveStartDate,
    effectiveEndDate: segment.effectiveEndDate,
    // Billed in advance: a segment is billed through the end of the current term once it started.
    chargedThroughDate: segment.effectiveStartDate <= subscription.termStartDate ? subscription.termEndDate : null,
    billingPeriod: 'Month',
    billingTiming: 'IN_ADVANCE',
    billingDay: 'DefaultFromCustomer',
    listPriceBase: perUnit ? 'Per_Billing_Period' : null,
    triggerEvent: 'ContractEffective',
    endDateCondition: 'Subscription_End',
    currency: 'USD',
    uom,
    pricingSummary: perUnit
      ? `USD${decimal(segment.unitPriceMinor ?? 0)}/${uom ?? 'Unit'}`
      : `${segment.discountPercentage ?? 0}% discount`,
    mrr: decimal(monthly),
    dmrc: decimal(monthly),
    tcv: decimal(monthly),
    dtcv: decimal(monthly),
    done: false,
  }
}

function pickSegment(segments: ZChargeSegment[], detail: ChargeDetail, on: string): ZChargeSegment | undefined {
  const last = segments[segments.length - 1]
  if (detail === 'last-segment' || detail === 'all-segments') return last
  return segments.find((s) => s.effectiveStartDate <= on && on < s.effectiveEndDate) ?? last
}

export function subscriptionView(
  subscription: ZSubscription,
  account: ZAccount,
  state: SimState,
  detail: ChargeDetail,
  on: string,
) {
  const contact = state.contacts[account.billToContactId]
  return {
    id: subscription.id,
    subscriptionNumber: subscription.subscriptionNumber,
    accountId: account.id,
    accountNumber: account.accountNumber,
    accountName: account.name,
    invoiceOwnerAccountId: account.id,
    invoiceOwnerAccountNumber: account.accountNumber,
    status: subscription.status,
    version: subscription.version,
    revision: `${subscription.version}.0`,
    termType: 'TERMED',
    contractEffectiveDate: subscription.contractEffectiveDate,
    serviceActivationDate: subscription.contractEffectiveDate,
    customerAcceptanceDate: subscription.contractEffectiveDate,
    subscriptionStartDate: subscription.contractEffectiveDate,
    termStartDate: subscription.termStartDate,
    termEndDate: subscription.termEndDate,
    initialTerm: 1,
    initialTermPeriodType: 'Month',
    currentTerm: 1,
    currentTermPeriodType: 'Month',
    renewalTerm: 1,
    renewalTermPeriodType: 'Month',
    autoRenew: subscription.autoRenew,
    renewalSetting: 'RENEW_WITH_SPECIFIC_TERM',
    currency: account.currency,
    paymentTerm: 'Net 30',
    billToContact: contact ?? null,
    ratePlans: subscription.ratePlans.map((ratePlan) => {
      const uom = findCatalogRatePlan(ratePlan.productRatePlanId)?.uom ?? null
      const byNumber = new Map<string, ZChargeSegment[]>()
      for (const segment of ratePlan.segments)
        byNumber.set(segment.number, [...(byNumber.get(segment.number) ?? []), segment])
      const ratePlanCharges = [...byNumber.values()].flatMap((segments) => {
        const picked = pickSegment(segments, detail, on)
        if (!picked) return []
        const view = chargeView(picked, subscription, uom)
        return detail === 'all-segments'
          ? [{ ...view, chargeSegments: segments.map((s) => chargeView(s, subscription, uom)) }]
          : [view]
      })
      return {
        id: ratePlan.id,
        productId: helpDeskProduct.id,
        productName: helpDeskProduct.name,
        productSku: helpDeskProduct.sku,
        productRatePlanId: ratePlan.productRatePlanId,
        ratePlanName: ratePlan.ratePlanName,
        ratePlanCharges,
      }
    }),
  }
}

const chargeDetails: readonly ChargeDetail[] = ['last-segment', 'current-segment', 'all-segments', 'specific-segment']

export function getSubscriptionsByAccount(request: Request, accountKey: string, state: SimState, today: string) {
  const account = findAccount(state, accountKey)
  if (!account) return notFound(`Account ${accountKey}`)
  const params = new URL(request.url).searchParams
  const detail = (params.get('charge-detail') ?? 'last-segment') as ChargeDetail
  if (!chargeDetails.includes(detail))
    return fail(reasonCodes.invalidQuery, `Invalid value for charge-detail: ${detail}.`, 400)
  const asOf = params.get('as-of-date')
  if (detail === 'specific-segment' && (asOf === null || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)))
    return fail(
      reasonCodes.invalidQuery,
      'as-of-date (yyyy-mm-dd) is required with charge-detail=specific-segment.',
      400,
    )
  const on = detail === 'specific-segment' && asOf !== null ? asOf : today
  const subscriptions = state.subscriptions
    .filter((subscription) => subscription.accountNumber === account.accountNumber)
    .map((subscription) => subscriptionView(subscription, account, state, detail, on))
  return json({ subscriptions, success: true })
}
