/**
 * Zuora's order preview (POST /v1/orders/preview, previewTypes BillingDocs) read as the contract's
 * Quote. Zuora prices and taxes; the gateway only says which of Zuora's document items belong to
 * which cart line, by the product rate plan charge each item bills (order-actions.ts). Credit memo
 * items are credits (negative). The lines, the discount and the tax always add up to Zuora's own
 * totals: nothing is priced here.
 */
import type { OrderItem, Quote } from '../../../src/lib/api/schemas'
import type { PreviewDocumentItem, PreviewOrderResponse } from '../spec'
import { toMinor } from '../money'
import type { ChangePlanned } from './order-actions'

export type QuoteContext = {
  items: readonly OrderItem[]
  /** One description per item, in the admin's terms ("Seats: 25 → 30"). */
  descriptions: readonly string[]
  promoCode: string | null
  currency: Quote['total']['currency']
  prorationDate: string
  periodEnd: string
}

export function toQuote(
  preview: PreviewOrderResponse,
  plan: ChangePlanned,
  context: QuoteContext,
): Omit<Quote, 'id' | 'expiresAt'> {
  const { currency } = context
  const minor = (amount: number) => toMinor(amount, currency)
  const lineMinor = context.items.map(() => 0)
  let discountMinor = 0
  let taxMinor = 0

  const take = (item: PreviewDocumentItem, sign: 1 | -1) => {
    const amount = sign * minor(item.amountWithoutTax)
    taxMinor += sign * minor(item.taxAmount)
    const owner = item.productRatePlanChargeId ? plan.chargeOwners.get(item.productRatePlanChargeId) : undefined
    if (owner && 'promo' in owner) discountMinor -= amount
    else if (owner) lineMinor[owner.item] = (lineMinor[owner.item] ?? 0) + amount
    // A charge no cart item asked for (Zuora billed something the catalog does not name): it is
    // still part of what the admin pays, so it goes on the first line rather than disappear.
    else lineMinor[0] = (lineMinor[0] ?? 0) + amount
  }
  for (const invoice of preview.previewResult.invoices ?? []) for (const item of invoice.invoiceItems) take(item, 1)
  for (const memo of preview.previewResult.creditMemos ?? []) for (const item of memo.creditMemoItems) take(item, -1)

  // Plan and seats changed together: Zuora bills one seat charge for both; the seats line takes
  // the share of the added (or removed) seats, the plan line the rest.
  if (plan.seatSplit) {
    const { planItem, seatsItem, before, after } = plan.seatSplit
    const shared = lineMinor[planItem] ?? 0
    const newSeatsShare = after === 0 ? 0 : Math.round((shared * (after - before)) / after)
    lineMinor[seatsItem] = (lineMinor[seatsItem] ?? 0) + newSeatsShare
    lineMinor[planItem] = shared - newSeatsShare
  }

  const subtotal = lineMinor.reduce((sum, amount) => sum + amount, 0)
  const discount = Math.max(0, discountMinor)
  const base = subtotal - discount
  const money = (amountMinor: number) => ({ amountMinor, currency })
  return {
    lines: context.items.map((item, index) => ({
      description: context.descriptions[index] ?? item.type,
      item,
      amount: money(lineMinor[index] ?? 0),
    })),
    subtotal: money(subtotal),
    discount: money(discount),
    tax: money(taxMinor),
    total: money(base + taxMinor),
    taxRatePercent: base > 0 ? Math.min(100, Math.max(0, Math.round((taxMinor / base) * 10_000) / 100)) : 0,
    promoCode: context.promoCode === null ? null : context.promoCode.toUpperCase(),
    prorationDate: context.prorationDate,
    periodEnd: context.periodEnd,
  }
}
