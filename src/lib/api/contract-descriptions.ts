/**
 * More than the summary, for docs/openapi.json (scripts/openapi.ts): what a client must know to call
 * an endpoint right. In a module of its own, which the app never imports, so that its bundle does
 * not carry the text (an expression such as a `.map()` keeps a constant in a bundle even unread).
 */
import type { EndpointName } from './contract'
import * as s from './schemas'

/**
 * The server's copy: the same words for every read that may answer from it (`mayAnswerFromCopy`).
 * The app honours the header on those reads only, checks it, and ignores one that does not check out.
 */
/** Each endpoint's one line, for docs/openapi.json: the app never reads it. */
export const endpointSummaries: Record<EndpointName, string> = {
  signOut: 'Sign out',
  getMe: 'Who am I: user, role, account, locale',
  signIn: 'Sign in by email and password (on the simulated backend, by email alone)',
  switchAccount: 'Switch to another account of this user',
  getAccount: 'The current account',
  getBillingStatus: 'Maintenance flag, component health and timeline',
  setMaintenance: 'Operators switch maintenance mode on or off',
  getCatalog: 'Plans and add-ons (the vendor keeps a copy)',
  postAlert: 'Alert intake for client-raised alerts',
  getAlerts: 'Alerts received (operators)',
  listChangeRequests: "Change requests: a billing admin gets the account's, anyone else their own",
  createChangeRequest:
    'Ask a billing admin for a change (seats, plan, add-ons), now or at the next renewal, to turn renewal off or back on, or to change who receives invoices by email',
  approveChangeRequest:
    'A billing admin takes a waiting request to order it, schedules it when it is at renewal, or sets renewal or the invoice recipients as asked (once: 409 for a second approval)',
  linkChangeRequestOrder: 'Record the order that carried out an approved request',
  declineChangeRequest: 'A billing admin declines a request, with a reason',
  reopenChangeRequest: 'A billing admin gives up an approval that was not ordered: the request waits again',
  withdrawChangeRequest: 'The requester withdraws a waiting request',
  getSubscription: 'The current subscription',
  setRenewal: 'Turn renewal at the end of the current term off (the subscription ends then) or back on',
  scheduleChange: 'Schedule fewer seats or a smaller plan for the next term (nothing is charged now)',
  withdrawScheduledChange: 'Withdraw the change scheduled for the next term',
  createQuote: 'Price a change: proration, discount, tax',
  placeOrder: 'Place an order; the same Idempotency-Key returns the first order',
  getOrderByKey: 'Find the order placed under an idempotency key, pending or done (404 if none)',
  getInvoices: 'One page of the invoice history, newest first, filtered by the server',
  getInvoice: 'One invoice with its lines',
  getInvoicePdf: 'The invoice as a PDF',
  exportInvoicesCsv: 'Every invoice matching the filters as a CSV file, newest first',
  payInvoice:
    'Pay an open or past-due invoice with the card on file; the same Idempotency-Key returns the first payment',
  getPaymentMethod: 'The card on file (brand and last four only)',
  createPaymentSession: "Start an update on the provider's hosted page",
  getBillingDetails: 'Billing contact, address and tax id',
  updateBillingDetails: 'Replace the billing contact, address, tax id and who receives invoices by email',
}

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
  exportInvoicesCsv:
    'The same filters as GET /invoices (`status`, `from`, `to`, `q`; a bad one answers 400 `invalid_query`), every matching invoice in one file, streamed: no paging. ' +
    '`text/csv; charset=utf-8`, RFC 4180 (CRLF line ends, a cell with a comma, quote or line break quoted), starting with a UTF-8 byte order mark; ' +
    'columns `number`, `issued` and `due` (YYYY-MM-DD), `status`, `total` (a decimal with the currency’s ISO 4217 digits, `-` for a credit), `currency` (ISO 4217) and `description`. ' +
    'A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return starts with an apostrophe, so that a spreadsheet shows it rather than runs it. ' +
    'Sent as an attachment (`Content-Disposition`) with `Cache-Control: private, no-store`. ' +
    answeredFromCopy,
  createChangeRequest:
    'The vendor’s own data: answered in any provider state, and checked against the subscription only when approved. ' +
    '`takesEffect` `renewal` (absent: `now`) asks for fewer seats than bought and/or a plan with a lower seat price from the end of the current term, as a billing admin would schedule them; ' +
    'it holds seats and plan changes only (an add-on answers 422 `validation_failed`). `effectiveOn` is null until the request is scheduled. ' +
    'An item `{ "type": "renewal", "autoRenew": false }` asks to turn renewal at the end of the current term off (the subscription ends then), `true` back on, as PUT /subscription/renewal sets it: ' +
    'it is alone in its request, which takes effect `now` (with another item, or `takesEffect` `renewal`: 422 `validation_failed`). ' +
    'An item `{ "type": "invoiceRecipients", "emailInvoices": true, "additional": ["ap@example.com"] }` asks to replace who receives invoices by email, as PUT /billing-details sets the account’s `invoiceRecipients` ' +
    '(the same rules: at most 5 addresses, none twice; the billing contact’s own address is refused on approval, against the details as they are then): alone in its request too, which takes effect `now`.',
  approveChangeRequest:
    'Moves a `waiting` request to `approving` in one step, so that it is ordered once however many tabs or clicks approve it: ' +
    'the same approvalKey again answers the request as it is (a retry), another key answers 409 `request_not_waiting`. ' +
    'Refused with 409 `request_stale` when the change no longer fits the subscription (the plan changed since it was asked, seats below those in use, an add-on no longer offered), ' +
    'and with 503 `maintenance` while operators hold billing in maintenance. The client then orders through POST /orders and links the order. ' +
    'A request at renewal (`takesEffect` `renewal`) is not ordered: the approval schedules its seats and plan for the end of the term as PUT /subscription/scheduled-change does ' +
    '(over what is scheduled already: fewer seats keep a smaller plan scheduled before, and the other way), nothing is charged, and the request answers `scheduled` with `effectiveOn`. ' +
    'It is refused with 409 `request_stale` also when the subscription does not renew or the change is no longer a decrease; when the provider fails, the request is `waiting` again ' +
    '(scheduling is a full replace, so approving it again is safe). ' +
    'A renewal request is not ordered either: the approval sets renewal as PUT /subscription/renewal does (one change of terms at the provider, sent only when it differs; nothing is charged), ' +
    'and the request answers `applied` with `effectiveOn` the end of the current term (the day the subscription ends, or renews). ' +
    'It is refused with 409 `request_stale` when renewal already is as asked, or the provider refuses it (the term has ended); when the provider fails, the request is `waiting` again (a full replace: approving it again is safe). ' +
    'An invoice recipients request is checked against the billing details rather than the subscription (both read at the provider, so approving either pauses with it): the approval replaces the billing details as PUT /billing-details does, with only `invoiceRecipients` changed, and the request answers `applied` (`effectiveOn` null: it applies at once). ' +
    'It is refused with 409 `request_stale` when the account already has the recipients as asked, an asked address is now the billing contact’s, or the provider refuses the addresses; when the provider fails, the request is `waiting` again (a full replace: approving it again is safe). ' +
    'An approval not ordered within 24 hours of `decidedAt` (the provider keeps an order’s idempotency key as long) lapses: the request is `waiting` again, as after a reopen, ' +
    'seen so by the next read or change (there is no timer).',
  linkChangeRequestOrder:
    'Only for a request in `approving`, by a billing admin; the order must exist on the account and be completed. The same orderId again answers the request (200); another one 409. ' +
    'A request whose approval lapsed while its order was on its way still takes a completed order placed before the lapse, if it is still `waiting` (nobody approved, declined or put it back since); one placed after answers 409.',
  reopenChangeRequest:
    'Only for a request in `approving` (approved, not ordered), by a billing admin: the approval is given up and the request is `waiting` again, for any billing admin to approve or decline. ' +
    'Another state answers 409 `request_not_waiting`, except a request whose approval lapsed after 24 hours: it is answered as it is (200, `waiting`). ' +
    'An order placed later under the given-up approval is not linked to it (409 on the link).',
  payInvoice:
    'Charges what is still due on the invoice (its `amountDue`) to the card on file, once per Idempotency-Key (1 to 200 characters, one per payment intent; 400 `idempotency_key_required` without one). ' +
    'The body names the amount the admin confirmed: another amount than what is due answers 409 `amount_changed`. ' +
    'The first answer is 201; the same key with the same body returns the same payment (200) once it is done and answers 409 `idempotency_in_progress` while it is still being processed; ' +
    'the same key for another invoice or amount answers 422 `idempotency_key_reused`. A payment of the same invoice under another key still in progress (another tab) answers 409 `payment_in_progress`. ' +
    'Refused before any charge: 403 `forbidden` (no billing rights), 503 `maintenance`, 404 `not_found` (not this account’s invoice), 409 `invoice_already_paid` (nothing due), 409 `invoice_not_payable` (void), 409 `no_payment_method` (no card on file). ' +
    'A declined card answers 402 `payment_declined` with `reason` (' +
    s.paymentDeclineReasons.map((reason) => `\`${reason}\``).join(', ') +
    '); the same key then returns the same decline, so a new attempt (after another card is put on file) takes a new key. ' +
    'A payment whose outcome the server could not learn (the provider timed out or failed) answers 503 `payment_outcome_unknown`: send it again with the same key and body, never a new one; the server asks the provider under the same key, which cannot charge twice.',
  updateBillingDetails:
    'A full replace, checked by the same rules as the form (422 `validation_failed` with `fields` by dotted path); safe to repeat, so it takes no Idempotency-Key. ' +
    'Refused with 403 `forbidden` (no billing rights) and 503 `maintenance`. ' +
    'An admin without billing rights asks for who receives invoices instead: POST /change-requests with an `invoiceRecipients` item, whose approval replaces them the same way.',
  setRenewal:
    'Sets whether the subscription renews at the end of its current term (`renewsAt`): `false` ends it then, `true` renews it again; allowed while the term lasts. ' +
    'A full replace of one setting: the server reads the subscription first and changes it at the provider only when it differs, so repeating the call is safe and takes no Idempotency-Key. ' +
    'Answers the subscription as GET /subscription does, with `autoRenew` as the provider now holds it. ' +
    'Refused with 403 `forbidden` (no billing rights), 503 `maintenance`, 422 `validation_failed` (a body without a boolean `autoRenew`) and 422 `provider_rejected` (the term has ended). ' +
    'An admin without billing rights asks for it instead: POST /change-requests with a `renewal` item, whose approval sets it the same way.',
  scheduleChange:
    'A full replace of what the next term starts with, from the end of the current term (`renewsAt`): `seats` fewer than bought (never fewer than in use) and/or `planId` a plan with a lower seat price; null keeps today’s. Nothing is charged now. ' +
    'The server reads the subscription first and orders at the provider only when the scheduled change differs, so repeating the call is safe and takes no Idempotency-Key. ' +
    'Answers the subscription as GET /subscription does, with `scheduledChange` as the provider now holds it. ' +
    'Refused with 403 `forbidden` (no billing rights), 503 `maintenance`, 422 `validation_failed` (neither given, or an unknown plan), 422 `seats_below_in_use`, 422 `not_a_decrease` (more seats or a dearer plan: that is a change now, through a quote and an order, or nothing differs from today) and 409 `renewal_off` (the subscription ends with its term).',
  withdrawScheduledChange:
    'The next term starts as today again: the server orders at the provider only when a change is scheduled, so repeating the call is safe. ' +
    'Answers the subscription as GET /subscription does (`scheduledChange` null). Refused with 403 `forbidden` and 503 `maintenance`.',
  getOrderByKey:
    'The order as the provider holds it: `pending` while it is still being processed (invoiceId null), then `completed` or `failed`. ' +
    'A 404 means no order has been recorded under the key yet; it is definitive only once the request cannot reach the provider any more (after the client’s write time-out and a margin).',
}
