/**
 * What the simulated Zuora tenant holds, as plain data: accounts and their contacts, one
 * subscription per account with segmented charges, payment methods, the orders, invoices and
 * payments made at run time, async jobs, hosted-page sessions and OAuth tokens. Money is kept in
 * cents and turned into Zuora's decimals (49.00) only when an answer is written. The seed's
 * invoice history is not here: it is generated from the date on demand (invoice-book.ts).
 */
import type { CreateOrderRequest } from '../../gateway/zuora/spec'

export type ZContact = {
  id: string
  accountId: string
  firstName: string
  lastName: string
  workEmail: string
  workPhone: string
  address1: string
  address2: string
  city: string
  state: string
  zipCode: string
  /** ISO 3166 alpha-2 (Zuora also takes country names; the seed uses codes). */
  country: string
}

export type ZAccount = {
  id: string
  accountNumber: string
  name: string
  /** Our account id in the demo data: the seed invoice history is generated from it. */
  seedAccountId: string
  currency: 'USD'
  billCycleDay: number
  billToContactId: string
  soldToContactId: string
  vatId: string | null
  defaultPaymentMethodId: string | null
  createdDate: string
  /** Whether invoices are emailed (to the bill-to contact and the additional addresses). */
  invoiceDeliveryPrefsEmail: boolean
  /** The account's additional email addresses, as set (Zuora keeps them comma-separated). */
  additionalEmailAddresses: string[]
}

/** One segment of a rate plan charge: a charge changed by an order gets a new segment. */
export type ZChargeSegment = {
  id: string
  /** Shared by every segment of the same charge. */
  number: string
  segment: number
  productRatePlanChargeId: string
  name: string
  model: 'PerUnit' | 'DiscountPercentage'
  /** Cents per unit per month (PerUnit); null for a discount. */
  unitPriceMinor: number | null
  quantity: number | null
  discountPercentage: number | null
  /** Discounts: how many billing periods they apply to. */
  upToPeriods: number | null
  effectiveStartDate: string
  effectiveEndDate: string
}

export type ZRatePlan = {
  id: string
  productRatePlanId: string
  ratePlanName: string
  /** Every segment of every charge, oldest first. */
  segments: ZChargeSegment[]
}

export type ZSubscription = {
  id: string
  subscriptionNumber: string
  accountNumber: string
  version: number
  status: 'Active'
  contractEffectiveDate: string
  termStartDate: string
  termEndDate: string
  autoRenew: boolean
  ratePlans: ZRatePlan[]
  updatedDate: string
}

export type ZInvoiceItem = {
  id: string
  chargeName: string
  chargeNumber: string | null
  productRatePlanChargeId: string | null
  subscriptionNumber: string | null
  processingType: 'Charge' | 'Discount'
  quantity: number
  unitPriceMinor: number
  amountMinor: number
  taxMinor: number
  serviceStartDate: string
  serviceEndDate: string
}

export type ZInvoiceStatus = 'Posted' | 'Canceled'

export type ZInvoice = {
  id: string
  invoiceNumber: string
  accountId: string
  invoiceDate: string
  dueDate: string
  status: ZInvoiceStatus
  amountMinor: number
  taxMinor: number
  balanceMinor: number
  comments: string
  items: ZInvoiceItem[]
  /** When its PDF exists (ms since the epoch): an invoice an order makes gets it a little later. */
  pdfReadyAt: number
  createdDate: string
  /** When a payment last changed it (the book sets it from `invoiceBalances`); absent: `createdDate`. */
  updatedDate?: string
}

export type ZPaymentMethod = {
  id: string
  accountId: string
  creditCardType: 'Visa' | 'MasterCard' | 'AmericanExpress' | 'Elo' | 'Discover'
  last4: string
  bin: string
  expirationMonth: number
  expirationYear: number
  holderName: string
  createdDate: string
  updatedDate: string
}

export type ZPayment = {
  id: string
  number: string
  accountId: string
  accountNumber: string
  paymentMethodId: string
  amountMinor: number
  currency: string
  effectiveDate: string
  invoices: Array<{ invoiceId: string; amountMinor: number }>
  createdDate: string
}

/** An order Zuora committed: the request it came from and the answer it gave. */
export type ZOrder = {
  orderId: string
  orderNumber: string
  accountNumber: string
  orderDate: string
  createdDate: string
  subscriptionNumbers: string[]
  invoiceIds: string[]
  invoiceNumbers: string[]
  /** The order actions as received, echoed by getOrder. */
  subscriptions: unknown[]
}

/** `POST /v1/async/orders`: Pending, then Processing, then Completed (or Failed) with the result. */
export type ZAsyncJob = {
  id: string
  /** The order it runs, as received, and its reserved order number. */
  input: CreateOrderRequest
  orderNumber: string
  createdAt: number
  /** When the order is applied; the job reads Processing until then. */
  completesAt: number
  /** The order's createOrder answer once it ran: a success body, or the failure's reasons. */
  result: { ok: true; body: Record<string, unknown> } | { ok: false; message: string } | null
}

/** Payment Pages 2.0: a signature handed out, and the page submission that can use it once. */
export type HostedPageSession = {
  token: string
  pageId: string
  expiresAt: number
  used: boolean
}

export type SimState = {
  /** The tenant's "today" (YYYY-MM-DD) when it was seeded: the seed's dates hang on it. */
  seededOn: string
  accounts: ZAccount[]
  contacts: Record<string, ZContact>
  subscriptions: ZSubscription[]
  paymentMethods: Record<string, ZPaymentMethod>
  /** Invoices made by orders, newest first; they come before the generated history. */
  orderInvoices: ZInvoice[]
  orders: Record<string, ZOrder>
  /** orderNumbers accepted but not yet committed (a slow order): a second one is refused. */
  ordersInFlight: Set<string>
  jobs: Record<string, ZAsyncJob>
  payments: ZPayment[]
  /**
   * Balances that payments changed, by invoice id: the generated history is not stored, so what a
   * payment did to one of its invoices is kept here (plain data) and read over it by the invoice
   * book; an order's invoice goes the same way.
   */
  invoiceBalances: Record<string, { balanceMinor: number; updatedDate: string }>
  pageSessions: Record<string, HostedPageSession>
  /** OAuth bearer tokens → when they expire (ms since the epoch). */
  tokens: Map<string, number>
  /** Source of run-time numbers (orders, charges, invoices, payments), so they are predictable. */
  nextNumber: number
}

/** The next run-time number: 1001, 1002... (below it the seed's own numbers). */
export function takeNumber(state: SimState): number {
  state.nextNumber += 1
  return state.nextNumber
}

/** A Zuora-looking 32-character id: a kind prefix (8 hex) and a number. */
export const zuoraId = (kindHex: string, n: number): string =>
  `${kindHex.padEnd(8, '0').slice(0, 8)}${n.toString(16).padStart(24, '0')}`

/** The account with this key (Zuora takes the number or the id), or undefined. */
export const findAccount = (state: SimState, key: string): ZAccount | undefined =>
  state.accounts.find((account) => account.accountNumber === key || account.id === key)
