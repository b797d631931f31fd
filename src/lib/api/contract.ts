/**
 * Every endpoint of the billing API in one list: its method, path, whether the provider backs it
 * (and which capability), and the schemas of what goes in and comes out. `scripts/openapi.ts`
 * writes `docs/openapi.json` from this list, and a unit test fails when the two differ.
 * Feature API modules take their path and schema from here, so a response is always validated
 * against what the document says.
 */
import type { z } from 'zod/mini'
import * as r from './change-request-schemas'
import * as s from './schemas'

export type Endpoint = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** OpenAPI-style path below the API base URL, `{param}` for parameters. */
  path: string
  summary: string
  /** null: the vendor's own endpoint, which stays up when the provider fails. */
  capability: s.Capability | null
  request?: z.ZodMiniType
  response: z.ZodMiniType | 'pdf' | 'empty'
  idempotencyKey?: boolean
  /**
   * A write that may be sent again after a failure on the way or at a gateway, because a repeat
   * does no harm (the same idempotency key returns the first order, a full replace, a quote).
   */
  safeToRepeat?: true
  query?: Record<string, string>
  /** No session needed: the same answer for everyone, cacheable by a CDN; the app sends it without credentials. */
  auth?: 'none'
  /**
   * A provider-backed read the server may answer from its last good copy while the provider fails,
   * saying so in `X-Billing-Copy-As-Of` (provider-copy.ts). Only these honour that header.
   */
  mayAnswerFromCopy?: true
}

export const endpoints = {
  // own
  getMe: {
    method: 'GET',
    path: '/me',
    summary: 'Who am I: user, role, account, locale',
    capability: null,
    response: s.meSchema,
  },
  signIn: {
    method: 'POST',
    path: '/session',
    summary: 'Sign in by email and password (on the simulated backend, by email alone)',
    capability: null,
    request: s.signInInputSchema,
    response: s.meSchema,
  },
  signOut: { method: 'DELETE', path: '/session', summary: 'Sign out', capability: null, response: 'empty' },
  switchAccount: {
    method: 'PUT',
    path: '/session/account',
    summary: 'Switch to another account of this user',
    capability: null,
    request: s.switchAccountInputSchema,
    response: s.meSchema,
  },
  getAccount: {
    method: 'GET',
    path: '/account',
    summary: 'The current account',
    capability: null,
    response: s.accountSchema,
  },
  getBillingStatus: {
    method: 'GET',
    path: '/billing-status',
    summary: 'Maintenance flag, component health and timeline',
    capability: null,
    auth: 'none',
    response: s.billingStatusSchema,
  },
  setMaintenance: {
    method: 'PUT',
    path: '/billing-status/maintenance',
    summary: 'Operators switch maintenance mode on or off',
    capability: null,
    request: s.maintenanceInputSchema,
    response: s.billingStatusSchema,
  },
  getCatalog: {
    method: 'GET',
    path: '/catalog',
    summary: 'Plans and add-ons (the vendor keeps a copy)',
    capability: null,
    response: s.catalogSchema,
  },
  postAlert: {
    method: 'POST',
    path: '/alerts',
    summary: 'Alert intake for client-raised alerts',
    capability: null,
    request: s.alertInputSchema,
    response: 'empty',
  },
  getAlerts: {
    method: 'GET',
    path: '/alerts',
    summary: 'Alerts received (operators)',
    capability: null,
    response: s.alertListSchema,
  },
  // own: change requests (an admin without billing rights asks, a billing admin decides); never provider-backed
  listChangeRequests: {
    method: 'GET',
    path: '/change-requests',
    summary: "Change requests: a billing admin gets the account's, anyone else their own",
    capability: null,
    response: r.changeRequestListSchema,
  },
  createChangeRequest: {
    method: 'POST',
    path: '/change-requests',
    summary: 'Ask a billing admin for a change (seats, plan, add-ons)',
    capability: null,
    request: r.changeRequestInputSchema,
    response: r.changeRequestSchema,
  },
  approveChangeRequest: {
    method: 'POST',
    path: '/change-requests/{requestId}/approve',
    summary: 'A billing admin takes a waiting request to order it (once: 409 for a second approval)',
    capability: null,
    request: r.approveChangeRequestInputSchema,
    response: r.changeRequestSchema,
  },
  linkChangeRequestOrder: {
    method: 'POST',
    path: '/change-requests/{requestId}/order',
    summary: 'Record the order that carried out an approved request',
    capability: null,
    request: r.linkChangeRequestOrderInputSchema,
    response: r.changeRequestSchema,
    safeToRepeat: true,
  },
  declineChangeRequest: {
    method: 'POST',
    path: '/change-requests/{requestId}/decline',
    summary: 'A billing admin declines a request, with a reason',
    capability: null,
    request: r.declineChangeRequestInputSchema,
    response: r.changeRequestSchema,
  },
  reopenChangeRequest: {
    method: 'POST',
    path: '/change-requests/{requestId}/reopen',
    summary: 'A billing admin gives up an approval that was not ordered: the request waits again',
    capability: null,
    response: r.changeRequestSchema,
  },
  withdrawChangeRequest: {
    method: 'POST',
    path: '/change-requests/{requestId}/withdraw',
    summary: 'The requester withdraws a waiting request',
    capability: null,
    response: r.changeRequestSchema,
  },
  // provider-backed
  getSubscription: {
    method: 'GET',
    path: '/subscription',
    summary: 'The current subscription',
    capability: 'subscription',
    response: s.subscriptionSchema,
    mayAnswerFromCopy: true,
  },
  createQuote: {
    method: 'POST',
    path: '/quotes',
    summary: 'Price a change: proration, discount, tax',
    capability: 'subscription',
    request: s.quoteInputSchema,
    response: s.quoteSchema,
    safeToRepeat: true,
  },
  placeOrder: {
    method: 'POST',
    path: '/orders',
    summary: 'Place an order; the same Idempotency-Key returns the first order',
    capability: 'subscription',
    request: s.orderInputSchema,
    response: s.orderSchema,
    idempotencyKey: true,
    safeToRepeat: true,
  },
  getOrderByKey: {
    method: 'GET',
    path: '/orders/by-key/{idempotencyKey}',
    summary: 'Find the order placed under an idempotency key, pending or done (404 if none)',
    capability: 'subscription',
    response: s.orderSchema,
  },
  getInvoices: {
    method: 'GET',
    path: '/invoices',
    summary: 'One page of the invoice history, newest first, filtered by the server',
    capability: 'invoices',
    response: s.invoicePageSchema,
    mayAnswerFromCopy: true,
    query: {
      limit: 'integer 1-500, default 50',
      cursor: 'nextCursor of the previous page',
      status: 'invoice status',
      from: 'YYYY-MM-DD',
      to: 'YYYY-MM-DD',
      q: 'text in the number or description',
    },
  },
  getInvoice: {
    method: 'GET',
    path: '/invoices/{invoiceId}',
    summary: 'One invoice with its lines',
    capability: 'invoices',
    response: s.invoiceSchema,
    mayAnswerFromCopy: true,
  },
  getInvoicePdf: {
    method: 'GET',
    path: '/invoices/{invoiceId}/pdf',
    summary: 'The invoice as a PDF',
    capability: 'invoices',
    response: 'pdf',
  },
  getPaymentMethod: {
    method: 'GET',
    path: '/payment-method',
    summary: 'The card on file (brand and last four only)',
    capability: 'payments',
    response: s.paymentMethodSchema,
    mayAnswerFromCopy: true,
  },
  createPaymentSession: {
    method: 'POST',
    path: '/payment-method/sessions',
    summary: "Start an update on the provider's hosted page",
    capability: 'payments',
    request: s.paymentSessionInputSchema,
    response: s.paymentSessionSchema,
    safeToRepeat: true,
  },
  getBillingDetails: {
    method: 'GET',
    path: '/billing-details',
    summary: 'Billing contact, address and tax id',
    capability: 'billingDetails',
    response: s.billingDetailsSchema,
    mayAnswerFromCopy: true,
  },
  updateBillingDetails: {
    method: 'PUT',
    path: '/billing-details',
    summary: 'Replace the billing contact, address and tax id',
    capability: 'billingDetails',
    request: s.billingDetailsInputSchema,
    response: s.billingDetailsSchema,
    safeToRepeat: true,
  },
} as const satisfies Record<string, Endpoint>

export type EndpointName = keyof typeof endpoints

/**
 * More than the summary, for docs/openapi.json: what a client must know to call an endpoint right.
 * Apart from `endpoints` so that the app's bundle, which never reads it, does not carry the text.
 */
/**
 * The server's copy: the same words for every read that may answer from it (`mayAnswerFromCopy`).
 * The app honours the header on those reads only, checks it, and ignores one that does not check out.
 */
const answeredFromCopy =
  'While the provider fails, or the server has stopped calling it (its breaker is open), the server may answer from the last good answer it kept for this account (at most 24 hours old): status 200, the usual body, and the header `X-Billing-Copy-As-Of` with the ISO 8601 date-time (with its offset) at which that answer was fetched from the provider. ' +
  'An answer without the header is the provider’s own. A client shows such an answer with its time, never as fresh, and counts it as a failure of the provider; it ignores the header on any other endpoint, and ignores one that is not such a date-time or lies further in the future than clock skew explains.'

export const endpointDescriptions: Partial<Record<EndpointName, string>> = {
  signIn:
    'The server checks the password against its directory. A wrong email and a wrong password get one answer, 401 `invalid_credentials`, which a client must show without saying which was wrong; ' +
    'a password missing where one is needed answers 422 `invalid_credentials`. ' +
    'The simulated backend signs its demo users in by email alone and ignores a password. A new session cookie is set on every sign-in.',
  getSubscription: answeredFromCopy,
  getInvoice: answeredFromCopy,
  getPaymentMethod: answeredFromCopy,
  getBillingDetails: answeredFromCopy,
  getBillingStatus:
    'No session needed: the same answer for everyone, so a CDN may cache it; send it without credentials. ' +
    'Every 200 carries Cache-Control (public, a short max-age, stale-while-revalidate, and stale-if-error so that a cache keeps answering when the origin fails), ' +
    'a strong ETag of the body, and X-Poll-Interval: the seconds a client waits before it asks again, which it must obey. ' +
    'If-None-Match with the current ETag answers 304 with no body and the same headers. ' +
    'The body changes only when the status does or the health checks run again (checkedAt).',
  placeOrder:
    "The Idempotency-Key follows the provider's (Zuora's) rules: it is remembered for 24 hours with a hash of the first request's body. " +
    'The same key with the same body returns the first order (200) once it is done, and answers 409 `idempotency_in_progress` while it is still being processed; ' +
    'the same key with another body answers 422 `idempotency_key_reused`. A refused order (409 `quote_expired`, 4xx) leaves no record under the key. ' +
    'An order whose answer the client did not get (time-out, network, 5xx) may still be processed and commit later: look it up by its key, never send it under a new one.',
  getInvoices:
    'Cursor-paged: the first page has no `cursor`; each next page sends the previous answer’s `nextCursor` with the same filters (null: no more pages). ' +
    'The cursor is opaque and bound to the filters it was made for: a changed, foreign or mismatched one answers 400 `invalid_cursor` (start again from the first page). ' +
    '`limit` is 1 to 500 (50 by default), so one answer stays far below 256 kB; out of range, or a bad `status`, `from` or `to`, answers 400 `invalid_query`. ' +
    'Filters: `status` (paid, open, past_due, void), issue dates `from` and `to` (inclusive), `q` (number or description, ignoring case and accents). ' +
    '`total` counts the invoices that match the filters. ' +
    answeredFromCopy,
  approveChangeRequest:
    'Moves a `waiting` request to `approving` in one step, so that it is ordered once however many tabs or clicks approve it: ' +
    'the same approvalKey again answers the request as it is (a retry), another key answers 409 `request_not_waiting`. ' +
    'Refused with 409 `request_stale` when the change no longer fits the subscription (the plan changed since it was asked, seats below those in use, an add-on no longer offered), ' +
    'and with 503 `maintenance` while operators hold billing in maintenance. The client then orders through POST /orders and links the order. ' +
    'An approval not ordered within 24 hours of `decidedAt` (the provider keeps an order’s idempotency key as long) lapses: the request is `waiting` again, as after a reopen, ' +
    'seen so by the next read or change (there is no timer).',
  linkChangeRequestOrder:
    'Only for a request in `approving`, by a billing admin; the order must exist on the account and be completed. The same orderId again answers the request (200); another one 409. ' +
    'A request whose approval lapsed while its order was on its way still takes a completed order placed before the lapse, if it is still `waiting` (nobody approved, declined or put it back since); one placed after answers 409.',
  reopenChangeRequest:
    'Only for a request in `approving` (approved, not ordered), by a billing admin: the approval is given up and the request is `waiting` again, for any billing admin to approve or decline. ' +
    'Another state answers 409 `request_not_waiting`, except a request whose approval lapsed after 24 hours: it is answered as it is (200, `waiting`). ' +
    'An order placed later under the given-up approval is not linked to it (409 on the link).',
  getOrderByKey:
    'The order as the provider holds it: `pending` while it is still being processed (invoiceId null), then `completed` or `failed`. ' +
    'A 404 means no order has been recorded under the key yet; it is definitive only once the request cannot reach the provider any more (after the client’s write time-out and a margin).',
}
