/**
 * The provider-backed endpoints (subscription, quotes and orders, invoices, payment method, billing
 * details): they fail with Zuora. Part of the contract (schemas.ts).
 */
import { z } from 'zod/mini'
import { MAX_SEATS } from './contract-bounds'
import { id, isoDate, isoDateTime, moneySchema, name, priceSchema, quantity, text } from './schema-primitives'
import { currencySchema } from './schema-primitives'

// ---------------------------------------------------------------- provider-backed (fail with Zuora)

const subscriptionAddonSchema = z.object({
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
  /**
   * An estimate of the next renewal: what the recurring charges cost on its date (with a change
   * scheduled from then: fewer seats, or the smaller plan's price), never a credit.
   */
  nextInvoice: z.object({ date: isoDate, total: priceSchema }),
  /**
   * Renews at `renewsAt` (true), or ends then (false: `nextInvoice` is what a renewal would cost,
   * and no such invoice comes). Always sent by the gateway; optional for the retired contract
   * backend, read as true when absent.
   */
  autoRenew: z.optional(z.boolean()),
  /**
   * What the next term starts with when it differs from today: fewer seats (`seats`) and/or a
   * smaller plan (`plan`), each null when it stays as today, from `effectiveOn` (the end of the
   * current term). Null when nothing is scheduled; absent from the retired contract backend.
   */
  scheduledChange: z.optional(
    z.nullable(
      z.object({
        effectiveOn: isoDate,
        seats: z.nullable(z.int().check(z.minimum(1), z.maximum(MAX_SEATS))),
        plan: z.nullable(z.object({ id, name })),
      }),
    ),
  ),
})
export type Subscription = z.infer<typeof subscriptionSchema>
export type ScheduledChange = NonNullable<Subscription['scheduledChange']>

/** Renewal at the end of the current term: off (the subscription ends then) or back on. */
export const renewalInputSchema = z.object({ autoRenew: z.boolean() })
export type RenewalInput = z.infer<typeof renewalInputSchema>

/**
 * What the next term starts with, in full: fewer seats and/or a smaller plan; null keeps today's
 * (both null: 422, said by the server).
 */
export const scheduledChangeInputSchema = z.object({
  seats: z.nullable(z.int().check(z.minimum(1), z.maximum(MAX_SEATS))),
  planId: z.nullable(id),
})
export type ScheduledChangeInput = z.infer<typeof scheduledChangeInputSchema>

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

const invoiceSummarySchema = z.object({
  id,
  /** What the admin quotes to support ("ACME-000123"): the page's heading and the list's link. */
  number: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/)),
  issuedAt: isoDate,
  dueAt: isoDate,
  status: invoiceStatusSchema,
  total: moneySchema,
  description: text,
  /**
   * What is left to pay (the provider's balance): 0 once paid. Optional: a server that does not say
   * leaves it out, and a client takes the total of an open or past-due invoice instead.
   */
  amountDue: z.optional(moneySchema),
})
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>

/**
 * One page of the invoice list, newest first. `nextCursor` is opaque: send it back as `cursor`
 * with the same filters for the next page; null on the last page. `total`: how many invoices
 * match the filters, when the server can tell.
 */
export const invoicePageSchema = z.object({
  invoices: z.array(invoiceSummarySchema),
  nextCursor: z.nullable(z.string().check(z.minLength(1))),
  total: z.optional(z.int().check(z.nonnegative())),
})
export type InvoicePage = z.infer<typeof invoicePageSchema>

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

/**
 * Paying an open or past-due invoice with the card on file: the amount the admin confirmed, which
 * must be what is still due (the server refuses another with 409 `amount_changed`).
 */
export const invoicePaymentInputSchema = z.object({
  amount: z.object({ amountMinor: z.int().check(z.positive()), currency: currencySchema }),
})
export type InvoicePaymentInput = z.infer<typeof invoicePaymentInputSchema>

/** The payment made, and the invoice as it stands after it (paid). */
export const invoicePaymentSchema = z.object({
  payment: z.object({
    id,
    /** The provider's payment number, what support is quoted ("P-00001042"). */
    number: id,
    amount: moneySchema,
    paidOn: isoDate,
  }),
  invoice: invoiceSchema,
})
export type InvoicePayment = z.infer<typeof invoicePaymentSchema>

/**
 * Why the card was declined (402 `payment_declined`, in the error's `reason`): the card issuer's
 * answer, relayed by the provider. A client words each; an unknown one reads as `card_declined`.
 */
export const paymentDeclineReasons = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'authentication_required',
  'try_again_later',
] as const
export type PaymentDeclineReason = (typeof paymentDeclineReasons)[number]

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

/** Additional invoice recipients an account may have, besides the billing contact. */
export const MAX_INVOICE_RECIPIENTS = 5

/**
 * Who receives invoices by email: whether invoices are emailed at all (to the billing contact's
 * email and these addresses), and the addresses besides the contact's, as the provider holds them
 * (the form checks each against the input rules). Optional: a server that does not say leaves it
 * out, and a client then neither shows nor sends it.
 */
export const invoiceRecipientsSchema = z.object({
  emailInvoices: z.boolean(),
  additional: z.array(name).check(z.maxLength(200)),
})
export type InvoiceRecipients = z.infer<typeof invoiceRecipientsSchema>

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
  invoiceRecipients: z.optional(invoiceRecipientsSchema),
})
export type BillingDetails = z.infer<typeof billingDetailsSchema>

const optionalText = (max: number) =>
  z.nullable(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(max)),
      z.transform((value: string) => (value === '' ? null : value)),
    ),
  )

/** One additional invoice recipient: an email address, as long as a Zuora contact's work email may be. */
const recipientEmail = z.pipe(
  z.string().check(z.trim(), z.minLength(1, 'required')),
  z.email('email').check(z.maxLength(80)),
)

/** Email addresses compare without case or surrounding spaces (what a rule sees may not have been trimmed yet). */
export const sameAddress = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * Who receives invoices as sent: the billing details form's, and a change request's when an admin
 * without billing rights asks for them (the same rules, 422 on failure).
 */
export const invoiceRecipientsInputSchema = z.object({
  emailInvoices: z.boolean(),
  additional: z.array(recipientEmail).check(
    z.maxLength(MAX_INVOICE_RECIPIENTS, 'tooMany'),
    z.superRefine((addresses, context) =>
      addresses.forEach((address, index) => {
        if (addresses.slice(0, index).some((earlier) => sameAddress(earlier, address)))
          context.addIssue({ code: 'custom', message: 'duplicate', path: [index], input: address })
      }),
    ),
  ),
})

/**
 * The contact's own email receives invoices already: the same address again is a mistake. (Runs on
 * what was sent even when other fields failed, so it looks before it compares.) Shared by the form
 * and by the check of an asked change against the billing details it would change.
 */
export const recipientsBesideContact = z.superRefine<{
  contact?: { email?: unknown }
  invoiceRecipients?: { additional: readonly unknown[] }
}>((details, context) =>
  details.invoiceRecipients?.additional.forEach((address, index) => {
    if (sameAddress(details.contact?.email, address))
      context.addIssue({
        code: 'custom',
        message: 'isContact',
        path: ['invoiceRecipients', 'additional', index],
        input: address,
      })
  }),
)

/** What the billing details form sends; the server applies the same rules (422 on failure). */
export const billingDetailsInputSchema = z
  .object({
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
    invoiceRecipients: z.optional(invoiceRecipientsInputSchema),
  })
  .check(recipientsBesideContact)
