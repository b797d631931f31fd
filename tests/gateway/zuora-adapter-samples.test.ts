// @vitest-environment node
/**
 * The adapter reads Zuora's own published response samples (tests/gateway/fixtures/zuora/, each
 * citing its page): what the gateway makes of a real Zuora answer, not only of the simulator's.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catalogIndex, type BillingCatalog } from '../../gateway/config/billing-catalog'
import { GatewayError } from '../../gateway/http/errors'
import { toBillingDetails } from '../../gateway/zuora/adapter/account-map'
import { invoiceStatus, toInvoice, toInvoiceSummary } from '../../gateway/zuora/adapter/invoice-map'
import { planChange } from '../../gateway/zuora/adapter/order-actions'
import { toPaymentMethod } from '../../gateway/zuora/adapter/payment-map'
import { toQuote } from '../../gateway/zuora/adapter/quote-map'
import { pickSubscription, toSubscription } from '../../gateway/zuora/adapter/subscription-map'
import { zuoraOperations, type ZuoraOperationName } from '../../gateway/zuora/spec'
import { z } from 'zod'

function sample<N extends ZuoraOperationName>(name: N) {
  const fixture = JSON.parse(readFileSync(`tests/gateway/fixtures/zuora/${name}.json`, 'utf8')) as { sample: unknown }
  const schema = zuoraOperations[name].responseSchema
  if (schema === 'binary') throw new Error(`${name} has no JSON sample`)
  return (schema as z.ZodType).parse(fixture.sample) as z.output<
    (typeof zuoraOperations)[N]['responseSchema'] & z.ZodType
  >
}

/** The sample's rate plan and charge named as a plan and its seats, as a tenant's catalog file would. */
const sampleCatalog: BillingCatalog = {
  currency: 'USD',
  plans: [
    {
      id: 'plan_sample',
      name: 'Sample plan',
      description: 'The rate plan of Zuora’s published sample.',
      seatPrice: { amountMinor: 10_000, currency: 'USD' },
      interval: 'year',
      features: [],
      zuora: {
        productRatePlanId: '8a8082c45aa81b51015ad5a473fb0e8d',
        seatChargeId: '8a8082c45aa81b51015ad5a655c00e8f',
      },
    },
  ],
  addons: [],
  promoCodes: [],
}

describe("the adapter on Zuora's published samples", () => {
  it('reads the subscription sample: the plan, its seats charge in effect, the annual period', () => {
    const { subscriptions } = sample('getSubscriptionsByAccount')
    const catalog = catalogIndex(sampleCatalog)
    const zuora = pickSubscription(subscriptions, catalog)
    if (!zuora) throw new Error('no subscription to a known plan in the sample')
    const subscription = toSubscription(zuora, { accountId: 'acc_x', catalog, seatsInUse: 1, today: '2017-06-01' })
    expect(subscription).toMatchObject({
      plan: { id: 'plan_sample' },
      billingCycle: 'annual',
      status: 'active',
      seats: { purchased: 1, inUse: 1 },
      seatPrice: { amountMinor: 10_000, currency: 'USD' },
      renewsAt: '2018-01-01',
      currentPeriodStart: '2017-01-01',
    })
    // The same subscription read when its charge has ended: no seats charge in effect is a provider data problem.
    expect(() => toSubscription(zuora, { accountId: 'acc_x', catalog, seatsInUse: 1, today: '2019-01-01' })).toThrow(
      GatewayError,
    )
  })

  it('plans a seat change on the sample as an UpdateProduct of its charge number', () => {
    const { subscriptions } = sample('getSubscriptionsByAccount')
    const catalog = catalogIndex(sampleCatalog)
    const zuora = pickSubscription(subscriptions, catalog)
    if (!zuora) throw new Error('no subscription')
    const change = planChange(zuora, [{ type: 'seats', seats: 3 }], null, { catalog, today: '2017-06-01' })
    expect(change.actions).toEqual([
      {
        type: 'UpdateProduct',
        triggerDates: expect.arrayContaining([{ name: 'ContractEffective', triggerDate: '2017-06-01' }]),
        updateProduct: {
          ratePlanId: zuora.ratePlans[0]?.id,
          chargeUpdates: [
            {
              chargeNumber: zuora.ratePlans[0]?.ratePlanCharges[0]?.number,
              pricing: { recurringPerUnit: { quantity: 3 } },
            },
          ],
        },
      },
    ])
  })

  it("prices the preview sample to Zuora's own totals", () => {
    const preview = sample('previewOrder')
    const chargeId = preview.previewResult.invoices?.[0]?.invoiceItems[0]?.productRatePlanChargeId ?? ''
    const quote = toQuote(
      preview,
      { actions: [], chargeOwners: new Map([[chargeId, { item: 0 }]]), seatSplit: null },
      {
        items: [{ type: 'addon', addonId: 'addon_x', quantity: 1 }],
        descriptions: ['Music service'],
        promoCode: null,
        currency: 'USD',
        prorationDate: '2024-07-01',
        periodEnd: '2024-07-31',
      },
    )
    const invoiceTotal = (preview.previewResult.invoices ?? []).reduce((sum, invoice) => sum + invoice.amount, 0)
    const memoTotal = (preview.previewResult.creditMemos ?? []).reduce((sum, memo) => sum + memo.amount, 0)
    expect(quote.total.amountMinor).toBe(Math.round((invoiceTotal - memoTotal) * 100))
    expect(quote.subtotal.amountMinor - quote.discount.amountMinor + quote.tax.amountMinor).toBe(
      quote.total.amountMinor,
    )
  })

  it('reads the invoice samples, with a status from balance and due date', () => {
    const list = sample('queryInvoices')
    const first = list.data[0]
    if (!first) throw new Error('empty sample')
    expect(toInvoiceSummary(first, '2025-04-01')).toMatchObject({
      id: first.id,
      number: first.invoiceNumber,
      issuedAt: '2025-03-21',
      dueAt: '2025-04-20',
      status: 'open',
      total: { amountMinor: 730_000, currency: 'USD' },
    })
    expect(invoiceStatus(first, '2025-05-01')).toBe('past_due')
    const detail = sample('queryInvoiceByKey')
    const invoice = toInvoice(detail, { name: 'Test', address: ['Somewhere'] }, '2025-04-01')
    expect(invoice.lines.length).toBe(detail.invoiceItems?.length ?? 0)
    expect(invoice.subtotal.amountMinor + invoice.tax.amountMinor).toBe(invoice.total.amountMinor)
  })

  it('reads the default payment method sample as brand and last four only', () => {
    expect(toPaymentMethod(sample('getDefaultPaymentMethod')).card).toEqual({
      brand: 'visa',
      last4: '1111',
      expMonth: 11,
      expYear: expect.any(Number),
      holderName: 'John Smith',
    })
  })

  it('reads the account sample, and refuses a bill-to contact with no country rather than invent one', () => {
    const account = sample('getAccount')
    expect(() => toBillingDetails(account)).toThrow(/country/)
    const details = toBillingDetails({
      ...account,
      billToContact: { ...account.billToContact, country: 'United States' },
    })
    expect(details).toMatchObject({
      contact: { name: 'Test', email: 'contact@example.com', phone: null },
      address: { country: 'US', line2: null, region: null },
    })
  })
})
