/**
 * The billing API's contract. Every response the app reads goes through one of these schemas
 * (see request.ts), the simulated backend in `mocks/` builds its answers from the same types, and
 * `docs/openapi.json` is generated from them (`npm run openapi`), so the three cannot drift apart.
 *
 * Split as the billing API is: the vendor's own endpoints stay up when the provider (Zuora) fails;
 * the provider-backed ones fail with it.
 */
// zod/mini: the same schemas as zod's classic API at a fraction of the bundle (see docs/performance.md).
import { z } from 'zod/mini'
import { boundedDate, boundedDateTime, MAX_PRICE_MINOR, MAX_QUANTITY, MAX_SEATS } from './contract-bounds'
import { currencyCodes } from './currencies'

// Lengths the pages assume (a name fits a heading, an id fits an address); far above real data.
const id = z.string().check(z.minLength(1), z.maxLength(200))
const name = z.string().check(z.maxLength(200))
const text = z.string().check(z.maxLength(2_000))
const isoDateTime = boundedDateTime()
const isoDate = boundedDate()

/** An ISO 4217 code from a fixed list: Intl.NumberFormat throws on a malformed one. */
export const currencySchema = z.enum(currencyCodes)

/** Money in minor units as ISO 4217 defines them for the currency (cents, for most) so that sums are exact; signed, for credits and prorations (z.int is a safe integer). */
export const moneySchema = z.object({
  amountMinor: z.int(),
  currency: currencySchema,
})
export type Money = z.infer<typeof moneySchema>

/** A price: never negative, and small enough that price × quantity stays exact. */
const priceSchema = z.object({
  amountMinor: z.int().check(z.minimum(0), z.maximum(MAX_PRICE_MINOR)),
  currency: currencySchema,
})

const quantity = (min: number) => z.int().check(z.minimum(min), z.maximum(MAX_QUANTITY))

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field path to message, for 400/422 answers to a form. */
    fields: z.optional(z.record(z.string(), z.string())),
  }),
})
export type ApiErrorBody = z.infer<typeof apiErrorSchema>

// ---------------------------------------------------------------- own endpoints (stay up)

export const roleSchema = z.enum(['billing_admin', 'admin', 'operator'])
export type Role = z.infer<typeof roleSchema>

export const localeSchema = z.enum(['en', 'pt-BR'])
export type Locale = z.infer<typeof localeSchema>

export const accountRefSchema = z.object({ id, name })

export const meSchema = z.object({
  user: z.object({ id, name, email: z.email(), role: roleSchema }),
  account: accountRefSchema,
  /** Accounts this user may switch to (including the current one). */
  accounts: z.array(accountRefSchema).check(z.minLength(1)),
  locale: localeSchema,
})
export type Me = z.infer<typeof meSchema>

export const signInInputSchema = z.object({ email: z.email() })
export type SignInInput = z.infer<typeof signInInputSchema>

export const switchAccountInputSchema = z.object({ accountId: id })

export const accountSchema = z.object({
  id,
  name,
  agentsInUse: z.int().check(z.minimum(0), z.maximum(MAX_SEATS)),
  createdAt: isoDateTime,
})
export type Account = z.infer<typeof accountSchema>

/** Provider capabilities: each has its own breaker and degrades its own sections only. */
export const capabilitySchema = z.enum(['subscription', 'invoices', 'payments', 'billingDetails'])
export type Capability = z.infer<typeof capabilitySchema>

export const componentHealthSchema = z.enum(['operational', 'degraded', 'down'])
export type ComponentHealth = z.infer<typeof componentHealthSchema>

/**
 * The operators' message in each language the app speaks. A language left out falls back to the
 * flag's `message`. Optional in the flag, so that a flag saved before it existed still reads.
 */
export const maintenanceMessagesSchema = z.object({ en: z.optional(text), 'pt-BR': z.optional(text) })
export type MaintenanceMessages = z.infer<typeof maintenanceMessagesSchema>

export const maintenanceSchema = z.object({
  enabled: z.boolean(),
  reason: z.nullable(z.enum(['provider_outage', 'scheduled', 'other'])),
  /** The default message: what an admin reads when `messages` has none in their language. */
  message: z.nullable(text),
  messages: z.optional(maintenanceMessagesSchema),
  since: z.nullable(isoDateTime),
  nextUpdateAt: z.nullable(isoDateTime),
  /** Bumped each time maintenance ends: clients refetch everything when it changes. */
  generation: z.int().check(z.nonnegative()),
})
export type Maintenance = z.infer<typeof maintenanceSchema>

const statusComponentSchema = z.object({
  id,
  name,
  /** The provider capability this upstream component backs, if any. */
  capability: z.nullable(capabilitySchema),
  status: componentHealthSchema,
  // Its own instance (not the shared isoDateTime), so that it can carry its own description.
  updatedAt: boundedDateTime(),
})

export const billingStatusSchema = z.object({
  maintenance: maintenanceSchema,
  components: z.array(statusComponentSchema),
  timeline: z.array(
    z.object({
      id,
      at: isoDateTime,
      kind: z.enum(['maintenance_on', 'maintenance_off', 'update', 'component']),
      message: text,
    }),
  ),
  /** When the server's health checks last ran. */
  checkedAt: boundedDateTime(),
})
export type BillingStatus = z.infer<typeof billingStatusSchema>

/**
 * What the status report means, for docs/openapi.json: scripts/openapi.ts calls this before it
 * writes the document. Registered here rather than as `describe` checks on the schemas so that the
 * app's bundle, which never calls it, does not carry the text.
 */
export function describeBillingStatus(): void {
  const describe = (schema: z.ZodMiniType, description: string) => void z.globalRegistry.add(schema, { description })
  describe(
    billingStatusSchema,
    'The billing status report: the operators’ maintenance flag, the health of each upstream component, and what happened. ' +
      'The server checks every component at least every 5 s and publishes a change within 5 s of seeing it.',
  )
  describe(statusComponentSchema, 'An upstream component of the billing API and its health.')
  describe(statusComponentSchema.shape.capability, 'The provider capability this component backs; null for the vendor’s own.')
  describe(statusComponentSchema.shape.updatedAt, 'When this component’s status last changed.')
  describe(billingStatusSchema.shape.checkedAt, 'When the server’s health checks last ran.')
  describe(maintenanceSchema.shape.generation, 'Bumped each time maintenance ends: clients refetch everything when it changes.')
  describe(maintenanceSchema.shape.message, 'The default message: what an admin reads when `messages` has none in their language.')
  describe(
    maintenanceSchema.shape.messages,
    'The operators’ message in each language the app speaks; a language left out falls back to `message`. Absent from older servers.',
  )
  // The maintenance switch's input (declared below; this runs only when the script calls it).
  describe(
    maintenanceInputSchema.shape.message,
    'The default message. Required unless `messages` has one; without it the server takes `messages.en`, else `messages.pt-BR`.',
  )
  describe(maintenanceInputSchema.shape.messages, 'The message in each language the app speaks; an admin whose language is left out reads the default.')
  describe(
    componentHealthSchema,
    'A component’s health per the server’s checks. ' +
      '`operational`: the checks of that component pass (error rate under 1 % and p95 latency under 1 s over the last minute). ' +
      '`degraded`: it answers, but slowly (p95 ≥ 1 s) or unreliably (error rate 1–50 %): edits stay possible and clients show a notice. ' +
      '`down`: error rate ≥ 50 %, or no answer within the client’s read time-out (5 s), on consecutive checks: clients pause that ' +
      'capability’s edits at once and send it nothing until the report says otherwise.',
  )
}

const maintenanceText = z.string().check(z.trim(), z.minLength(1), z.maxLength(500))

/**
 * Operators write the message in one language or in each: `messages` per language, `message` the
 * default (optional when `messages` has one: the server then takes the English, else the other).
 */
export const maintenanceInputSchema = z
  .object({
    enabled: z.boolean(),
    message: z.optional(maintenanceText),
    messages: z.optional(z.object({ en: z.optional(maintenanceText), 'pt-BR': z.optional(maintenanceText) })),
    reason: z._default(z.enum(['provider_outage', 'scheduled', 'other']), 'other'),
    nextUpdateAt: z._default(z.nullable(isoDateTime), null),
  })
  .check(
    z.refine((input) => Boolean(input.message ?? input.messages?.en ?? input.messages?.['pt-BR']), {
      message: 'Write the message in at least one language.',
      path: ['message'],
    }),
  )
export type MaintenanceInput = z.input<typeof maintenanceInputSchema>

export const planSchema = z.object({
  id,
  name,
  description: text,
  seatPrice: priceSchema,
  interval: z.enum(['month', 'year']),
  features: z.array(name).check(z.maxLength(50)),
})
export type Plan = z.infer<typeof planSchema>

export const addonSchema = z.object({
  id,
  name,
  description: text,
  unitPrice: priceSchema,
  unit: z.enum(['account', 'seat', 'pack']),
  maxQuantity: quantity(1),
})
export type Addon = z.infer<typeof addonSchema>

export const catalogSchema = z.object({
  plans: z.array(planSchema),
  addons: z.array(addonSchema),
  currency: currencySchema,
})
export type Catalog = z.infer<typeof catalogSchema>

export const alertKindSchema = z.enum(['breaker_open', 'breaker_closed', 'blocked_action'])
export const alertInputSchema = z.object({
  kind: alertKindSchema,
  /** Same id for every report of one incident, so the intake can deduplicate. */
  incidentId: id,
  capability: z.nullable(capabilitySchema),
  occurredAt: isoDateTime,
  detail: z.nullable(z.string().check(z.maxLength(500))),
})
export type AlertInput = z.infer<typeof alertInputSchema>

export const alertSchema = z.extend(alertInputSchema, {
  id,
  accountId: id,
  userId: id,
  receivedAt: isoDateTime,
  /** How many reports were folded into this one (deduplicated by kind and incident). */
  count: z.int().check(z.positive()),
})
export type Alert = z.infer<typeof alertSchema>
export const alertListSchema = z.object({ alerts: z.array(alertSchema) })

// ---------------------------------------------------------------- provider-backed (fail with Zuora)

export const subscriptionAddonSchema = z.object({
  id,
  name,
  quantity: quantity(1),
  unitPrice: priceSchema,
})

export const subscriptionSchema = z.object({
  id,
  accountId: id,
  plan: z.object({ id, name }),
  billingCycle: z.enum(['monthly', 'annual']),
  status: z.enum(['active', 'trialing', 'past_due', 'canceled']),
  currentPeriodStart: isoDate,
  renewsAt: isoDate,
  seats: z.object({
    purchased: z.int().check(z.minimum(0), z.maximum(MAX_SEATS)),
    inUse: z.int().check(z.minimum(0), z.maximum(MAX_SEATS)),
  }),
  seatPrice: priceSchema,
  addons: z.array(subscriptionAddonSchema),
  /** An estimate of the next renewal: what the recurring charges cost, never a credit. */
  nextInvoice: z.object({ date: isoDate, total: priceSchema }),
})
export type Subscription = z.infer<typeof subscriptionSchema>

/**
 * A change the admin wants, as a desired end state: seats is the new total, an add-on's quantity
 * its new quantity (0 removes it). The cart holds at most one of each.
 */
export const orderItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('seats'), seats: z.int().check(z.minimum(1), z.maximum(MAX_SEATS)) }),
  z.object({ type: z.literal('plan'), planId: id }),
  z.object({ type: z.literal('addon'), addonId: id, quantity: quantity(0) }),
])
export type OrderItem = z.infer<typeof orderItemSchema>

export const quoteInputSchema = z.object({
  items: z.array(orderItemSchema).check(z.minLength(1)),
  promoCode: z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))),
})
export type QuoteInput = z.infer<typeof quoteInputSchema>

export const quoteSchema = z.object({
  id,
  lines: z.array(
    z.object({
      description: text,
      item: orderItemSchema,
      /** Prorated charge (or credit, when negative) for the rest of the current period. */
      amount: moneySchema,
    }),
  ),
  subtotal: moneySchema,
  /** The amount taken off: total = subtotal − discount + tax. */
  discount: priceSchema,
  tax: moneySchema,
  total: moneySchema,
  taxRatePercent: z.number().check(z.minimum(0), z.maximum(100)),
  promoCode: z.nullable(z.string().check(z.maxLength(40))),
  prorationDate: isoDate,
  periodEnd: isoDate,
  expiresAt: isoDateTime,
})
export type Quote = z.infer<typeof quoteSchema>

export const orderInputSchema = z.extend(quoteInputSchema, {
  /** The quote the admin saw; the server prices again and refuses an expired one. */
  quoteId: id,
})
export type OrderInput = z.infer<typeof orderInputSchema>

export const orderSchema = z.object({
  id,
  idempotencyKey: id,
  status: z.enum(['completed', 'pending', 'failed']),
  items: z.array(orderItemSchema),
  total: moneySchema,
  invoiceId: z.nullable(id),
  createdAt: isoDateTime,
})
export type Order = z.infer<typeof orderSchema>

export const invoiceStatusSchema = z.enum(['paid', 'open', 'past_due', 'void'])
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>

export const invoiceSummarySchema = z.object({
  id,
  /** What the admin quotes to support ("ACME-000123"): the page's heading and the list's link. */
  number: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/)),
  issuedAt: isoDate,
  dueAt: isoDate,
  status: invoiceStatusSchema,
  total: moneySchema,
  description: text,
})
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>

export const invoiceListSchema = z.object({ invoices: z.array(invoiceSummarySchema) })
export type InvoiceList = z.infer<typeof invoiceListSchema>

export const invoiceSchema = z.extend(invoiceSummarySchema, {
  lines: z.array(
    z.object({
      description: text,
      quantity: quantity(0),
      // Signed: a promo code's line takes its discount off.
      unitPrice: moneySchema,
      amount: moneySchema,
    }),
  ),
  subtotal: moneySchema,
  tax: moneySchema,
  billedTo: z.object({ name, address: z.array(name).check(z.maxLength(10)) }),
})
export type Invoice = z.infer<typeof invoiceSchema>

/** Only what is safe to show of a card: never a full number. */
export const cardSchema = z.object({
  brand: z.enum(['visa', 'mastercard', 'amex', 'elo', 'other']),
  last4: z.string().check(z.regex(/^\d{4}$/)),
  expMonth: z.int().check(z.minimum(1), z.maximum(12)),
  expYear: z.int().check(z.minimum(2000), z.maximum(2100)),
  holderName: name,
})

export const paymentMethodSchema = z.object({
  card: z.nullable(cardSchema),
  updatedAt: z.nullable(isoDateTime),
})
export type PaymentMethod = z.infer<typeof paymentMethodSchema>

export const paymentSessionInputSchema = z.object({ returnUrl: z.url() })
export const paymentSessionSchema = z.object({
  sessionId: id,
  /** The provider's hosted page: the card number is typed there, never into this app. */
  url: z.string().check(z.minLength(1)),
  expiresAt: isoDateTime,
})
export type PaymentSession = z.infer<typeof paymentSessionSchema>

export const countryCodes = ['US', 'BR', 'CA', 'GB', 'DE', 'FR', 'PT', 'ES', 'MX', 'AR'] as const

export const billingDetailsSchema = z.object({
  contact: z.object({ name, email: z.email(), phone: z.nullable(name) }),
  address: z.object({
    line1: name,
    line2: z.nullable(name),
    city: name,
    region: z.nullable(name),
    postalCode: name,
    country: z.enum(countryCodes),
  }),
  taxId: z.nullable(name),
})
export type BillingDetails = z.infer<typeof billingDetailsSchema>

const optionalText = (max: number) =>
  z.nullable(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(max)),
      z.transform((value: string) => (value === '' ? null : value)),
    ),
  )

/** What the billing details form sends; the server applies the same rules (422 on failure). */
export const billingDetailsInputSchema = z.object({
  contact: z.object({
    name: z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(120)),
    email: z.pipe(z.string().check(z.trim()), z.email('email')),
    phone: optionalText(40),
  }),
  address: z.object({
    line1: z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(200)),
    line2: optionalText(200),
    city: z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(120)),
    region: optionalText(120),
    postalCode: z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(20)),
    country: z.enum(countryCodes, 'country'),
  }),
  taxId: optionalText(40).check(z.refine((v) => v === null || /^[A-Za-z0-9./-]{4,40}$/.test(v), 'taxId')),
})
export type BillingDetailsInput = z.input<typeof billingDetailsInputSchema>
