// @vitest-environment node
import { beforeAll, expect, test } from 'vitest'
import { MAX_PRICE_MINOR, MAX_SEATS } from '@/lib/api/contract-bounds'
import { catalogSchema, invoiceSchema, orderItemSchema, quoteSchema, subscriptionSchema } from '@/lib/api/schemas'
import { signedIn, startSim, users } from '../gateway/gateway-sim-client'

// A real answer of the gateway (on its simulated Zuora), changed one field at a time into what a generic mock sent.
let answer: Record<string, unknown> = {}
beforeAll(async () => {
  const sim = await startSim()
  try {
    answer = (await (await signedIn(sim, users.owner)).get('/subscription')).body as Record<string, unknown>
  } finally {
    await sim.close()
  }
}, 30_000)
const subscription = () => structuredClone(answer)

test('the gateway’s subscription passes the contract', () => {
  expect(subscriptionSchema.safeParse(subscription()).success).toBe(true)
})

test('a currency that is not an ISO 4217 code is refused', () => {
  for (const currency of ['ut ', 'usd', 'US$', 'XXX', 'ZZZ']) {
    const answer = { ...subscription(), seatPrice: { amountMinor: 4_900, currency } }
    expect(subscriptionSchema.safeParse(answer).success, currency).toBe(false)
  }
  expect(
    subscriptionSchema.safeParse({ ...subscription(), seatPrice: { amountMinor: 4_900, currency: 'BRL' } }).success,
  ).toBe(true)
})

test('dates outside 2000-01-01 .. 2100-12-31 are refused, in both formats the contract uses', () => {
  for (const renewsAt of ['9021-02-14', '1999-12-31', '2101-01-01', '2026-02-30']) {
    expect(subscriptionSchema.safeParse({ ...subscription(), renewsAt }).success, renewsAt).toBe(false)
  }
  expect(subscriptionSchema.safeParse({ ...subscription(), renewsAt: '2100-12-31' }).success).toBe(true)
  const quote = (expiresAt: string) => ({
    id: 'q1',
    lines: [],
    subtotal: { amountMinor: 0, currency: 'USD' },
    discount: { amountMinor: 0, currency: 'USD' },
    tax: { amountMinor: 0, currency: 'USD' },
    total: { amountMinor: 0, currency: 'USD' },
    taxRatePercent: 0,
    promoCode: null,
    prorationDate: '2026-02-14',
    periodEnd: '2026-03-14',
    expiresAt,
  })
  expect(quoteSchema.safeParse(quote('2026-02-14T10:00:00Z')).success).toBe(true)
  expect(quoteSchema.safeParse(quote('9021-02-14T10:00:00Z')).success).toBe(false)
})

test('prices are never negative and stay exact times any quantity; credits stay signed', () => {
  const seatPrice = (amountMinor: number) => ({ ...subscription(), seatPrice: { amountMinor, currency: 'USD' } })
  expect(subscriptionSchema.safeParse(seatPrice(-1)).success).toBe(false)
  expect(subscriptionSchema.safeParse(seatPrice(MAX_PRICE_MINOR + 1)).success).toBe(false)
  expect(subscriptionSchema.safeParse(seatPrice(MAX_PRICE_MINOR)).success).toBe(true)
  expect(Number.isSafeInteger(MAX_PRICE_MINOR * MAX_SEATS)).toBe(true)
  const credit = {
    description: 'Fewer seats',
    quantity: 1,
    unitPrice: { amountMinor: -900, currency: 'USD' },
    amount: { amountMinor: -900, currency: 'USD' },
  }
  const invoice = {
    id: 'inv_1',
    number: 'ACME-1',
    issuedAt: '2026-02-14',
    dueAt: '2026-03-14',
    status: 'paid',
    description: 'Seats',
    total: { amountMinor: -900, currency: 'USD' },
    subtotal: { amountMinor: -900, currency: 'USD' },
    tax: { amountMinor: 0, currency: 'USD' },
    lines: [credit],
    billedTo: { name: 'Acme', address: ['1 Main St'] },
  }
  expect(invoiceSchema.safeParse(invoice).success).toBe(true)
})

test('seats and quantities are bounded by the seat limit, and amounts by safe integers', () => {
  expect(
    subscriptionSchema.safeParse({ ...subscription(), seats: { purchased: MAX_SEATS + 1, inUse: 1 } }).success,
  ).toBe(false)
  expect(orderItemSchema.safeParse({ type: 'seats', seats: MAX_SEATS }).success).toBe(true)
  expect(orderItemSchema.safeParse({ type: 'addon', addonId: 'a', quantity: MAX_SEATS + 1 }).success).toBe(false)
  const total = { amountMinor: Number.MAX_SAFE_INTEGER + 2, currency: 'USD' }
  expect(subscriptionSchema.safeParse({ ...subscription(), nextInvoice: { date: '2026-03-01', total } }).success).toBe(
    false,
  )
  expect(catalogSchema.safeParse({ plans: [], addons: [], currency: 'ut ' }).success).toBe(false)
})
