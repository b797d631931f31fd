/**
 * What an order bills now, as Zuora's billing documents show it: charges are monthly and billed in
 * advance, so a change mid-term credits what is left of the old quantity and price (a negative
 * item) and charges what is left at the new one, prorated by days to the end of the term. A promo
 * code's discount plan takes its percentage off the positive part of what the order bills; tax is
 * the bill-to country's rate (mocks/demo-data/pricing.ts), per item. Cents inside, decimals out.
 */
import { addDays, daysBetween } from '../demo-data/dates'
import { taxRatePercent } from '../demo-data/pricing'
import type { BillingDetails } from '../../src/lib/api/schemas'
import { helpDeskProduct } from './catalog-ids'
import type { AppliedOrder, ChargeChange } from './order-actions'
import { decimal } from './responses'
import type { ZInvoiceItem } from './state'

export type BilledItem = Omit<ZInvoiceItem, 'id'>

export type BilledOrder = { items: BilledItem[]; amountMinor: number; taxMinor: number }

type Country = BillingDetails['address']['country']

const rateOf = (country: string): number => taxRatePercent(country as Country)

function chargeItems(change: ChargeChange, rate: number): BilledItem[] {
  const termDays = Math.max(1, daysBetween(change.termStartDate, change.termEndDate))
  const daysLeft = Math.max(0, daysBetween(change.from, change.termEndDate))
  const prorate = (monthlyMinor: number) => Math.round((monthlyMinor * daysLeft) / termDays)
  const item = (priced: { quantity: number; unitPriceMinor: number }, sign: 1 | -1): BilledItem => {
    const amountMinor = sign * prorate(priced.quantity * priced.unitPriceMinor)
    return {
      chargeName: change.chargeName,
      chargeNumber: change.chargeNumber,
      productRatePlanChargeId: change.productRatePlanChargeId,
      subscriptionNumber: change.subscriptionNumber,
      processingType: 'Charge',
      quantity: priced.quantity,
      unitPriceMinor: priced.unitPriceMinor,
      amountMinor,
      taxMinor: Math.round((amountMinor * rate) / 100),
      serviceStartDate: change.from,
      serviceEndDate: addDays(change.termEndDate, -1),
    }
  }
  return [...(change.before ? [item(change.before, -1)] : []), ...(change.after ? [item(change.after, 1)] : [])]
}

export function billOrder(applied: AppliedOrder, country: string): BilledOrder {
  const rate = rateOf(country)
  const items = applied.charges.flatMap((change) => chargeItems(change, rate))
  for (const discount of applied.discounts) {
    const base = items
      .filter((item) => item.subscriptionNumber === discount.subscriptionNumber && item.processingType === 'Charge')
      .reduce((sum, item) => sum + item.amountMinor, 0)
    const amountMinor = -Math.round((Math.max(0, base) * discount.percentage) / 100)
    const first = items.find((item) => item.subscriptionNumber === discount.subscriptionNumber)
    items.push({
      chargeName: discount.chargeName,
      chargeNumber: discount.chargeNumber,
      productRatePlanChargeId: discount.productRatePlanChargeId,
      subscriptionNumber: discount.subscriptionNumber,
      processingType: 'Discount',
      quantity: 1,
      unitPriceMinor: amountMinor,
      amountMinor,
      taxMinor: Math.round((amountMinor * rate) / 100),
      serviceStartDate: first?.serviceStartDate ?? '',
      serviceEndDate: first?.serviceEndDate ?? '',
    })
  }
  const amountMinor = items.reduce((sum, item) => sum + item.amountMinor, 0)
  const taxMinor = items.reduce((sum, item) => sum + item.taxMinor, 0)
  return { items, amountMinor, taxMinor }
}

/** `previewResult.invoices[]` of `POST /v1/orders/preview`: one invoice, or none when nothing is billed. */
export function previewInvoices(billed: BilledOrder, targetDate: string) {
  if (billed.items.length === 0) return []
  return [
    {
      amount: decimal(billed.amountMinor + billed.taxMinor),
      amountWithoutTax: decimal(billed.amountMinor),
      taxAmount: decimal(billed.taxMinor),
      targetDate,
      invoiceItems: billed.items.map((item) => ({
        serviceStartDate: item.serviceStartDate,
        serviceEndDate: item.serviceEndDate,
        amountWithoutTax: decimal(item.amountMinor),
        taxAmount: decimal(item.taxMinor),
        chargeDescription: '',
        chargeName: item.chargeName,
        chargeNumber: item.chargeNumber,
        processingType: item.processingType,
        productName: helpDeskProduct.name,
        productRatePlanChargeId: item.productRatePlanChargeId ?? undefined,
        unitPrice: decimal(item.unitPriceMinor),
        subscriptionNumber: item.subscriptionNumber,
        orderLineItemNumber: null,
        additionalInfo: { quantity: item.quantity, unitOfMeasure: '', numberOfDeliveries: 0 },
      })),
    },
  ]
}
