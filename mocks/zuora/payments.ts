/**
 * Payment methods and payments: the account's default card, Payment Pages 2.0 signatures, the
 * hosted page's submission (simulated: the real page is Zuora's script posting card data to
 * Zuora), and `POST /v1/payments` applied to invoices (made by orders or generated), declined by
 * the card gateway for two test cards (below).
 *
 * The simulated Payment Pages completion (not Zuora API): `POST /__simulated/payment-pages/complete`
 * with `{ "token", "accountId" (Zuora account id or number), "card": { cardNumber, expMonth, expYear,
 * holderName } }`, no bearer (the token from `POST /v1/rsa-signatures` is the credential, usable
 * once, for 30 minutes). It answers as Payment Pages' callback does: `{ success: true, refId }` (the
 * new payment method's id, now the account's default), or `{ success: false, errorCode,
 * errorMessage, errorField_<field> }`.
 */
import { createPaymentRequestSchema, rsaSignatureRequestSchema } from '../../gateway/zuora/spec'
import { cardBrand, luhnValid } from '../demo-data/cards'
import { isoDate } from '../demo-data/dates'
import { demoPaymentPageId } from './catalog-ids'
import {
  decimal,
  fail,
  json,
  malformedRequest,
  notFound,
  readJsonObject,
  reasonCodes,
  refusedBody,
  toMinor,
  zuoraDateTime,
} from './responses'
import { applyPayment, type InvoiceBook } from './invoice-book'
import { findAccount, takeNumber, zuoraId, type SimState, type ZInvoice, type ZPaymentMethod } from './state'

export const PAGE_SESSION_TTL_MS = 30 * 60_000
export const SIMULATED_TENANT_ID = '10000001'

/** A stand-in for the tenant's RSA public key: the page would encrypt card data with it. */
const PUBLIC_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsimulatedZuoraPaymentPagesKeyNotForRealCardDataAQAB'

function randomBase64(bytes: number): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))))
}

export function getDefaultPaymentMethod(accountKey: string, state: SimState): Response {
  const account = findAccount(state, accountKey)
  if (!account) return notFound(`Account ${accountKey}`)
  const method = account.defaultPaymentMethodId ? state.paymentMethods[account.defaultPaymentMethodId] : undefined
  if (!method) return notFound(`The default payment method of account ${accountKey}`)
  return json({
    id: method.id,
    type: 'CreditCard',
    status: 'Active',
    isDefault: true,
    accountKey: account.id,
    cardNumber: `************${method.last4}`,
    bankIdentificationNumber: method.bin,
    creditCardType: method.creditCardType,
    expirationMonth: method.expirationMonth,
    expirationYear: method.expirationYear,
    accountHolderInfo: { accountHolderName: method.holderName },
    lastTransaction: 'Approved',
    numConsecutiveFailures: 0,
    createdDate: zuoraDateTime(Date.parse(method.createdDate)),
    updatedDate: zuoraDateTime(Date.parse(method.updatedDate)),
    success: true,
  })
}

export async function createRsaSignature(request: Request, state: SimState, now: number): Promise<Response> {
  const body = await readJsonObject(request)
  if (!body) return malformedRequest()
  const parsed = rsaSignatureRequestSchema.safeParse(body)
  if (!parsed.success) return refusedBody(parsed.error)
  if (parsed.data.pageId !== demoPaymentPageId)
    return fail(reasonCodes.invalidValue, `Invalid pageId ${parsed.data.pageId}: no such hosted page.`)
  for (const [token, session] of Object.entries(state.pageSessions))
    if (session.expiresAt <= now) delete state.pageSessions[token]
  const token = randomBase64(24).replace(/[+/=]/g, '').slice(0, 32)
  state.pageSessions[token] = { token, pageId: parsed.data.pageId, expiresAt: now + PAGE_SESSION_TTL_MS, used: false }
  return json({ signature: randomBase64(256), token, tenantId: SIMULATED_TENANT_ID, key: PUBLIC_KEY, success: true })
}

const pageError = (errorMessage: string, fields: Record<string, string> = {}) =>
  json({
    success: false,
    errorCode: Object.keys(fields).length > 0 ? 'HostedPageFieldValidationError' : 'InvalidToken',
    errorMessage,
    ...Object.fromEntries(Object.entries(fields).map(([field, error]) => [`errorField_${field}`, error])),
  })

export async function completePaymentPage(request: Request, state: SimState, now: number): Promise<Response> {
  const body = await readJsonObject(request)
  const card = body?.card as Record<string, unknown> | undefined
  if (!body || typeof body.token !== 'string' || typeof body.accountId !== 'string' || !card)
    return pageError('Expected { token, accountId, card }.')
  const session = state.pageSessions[body.token]
  if (!session || session.used || session.expiresAt <= now)
    return pageError('The signature token is not valid or has expired.')
  const account = findAccount(state, body.accountId)
  if (!account) return pageError(`Account ${body.accountId} does not exist.`)
  const digits = String(card.cardNumber ?? '').replace(/[\s-]/g, '')
  const expMonth = Number(card.expMonth)
  const expYear = Number(card.expYear)
  const holderName = String(card.holderName ?? '').trim()
  const fields: Record<string, string> = {}
  if (!/^\d{13,19}$/.test(digits) || !luhnValid(digits)) fields.creditCardNumber = 'InvalidValue'
  const date = new Date(now)
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) fields.creditCardExpirationMonth = 'InvalidValue'
  else if (expYear * 12 + expMonth - 1 < date.getUTCFullYear() * 12 + date.getUTCMonth())
    fields.creditCardExpirationYear = 'InvalidValue'
  if (holderName === '') fields.creditCardHolderName = 'NullValue'
  if (Object.keys(fields).length > 0) return pageError('The card was not accepted.', fields)

  const brand = cardBrand(digits)
  const stamp = new Date(now).toISOString()
  const method: ZPaymentMethod = {
    id: zuoraId('8ad0ca71', takeNumber(state)),
    accountId: account.id,
    creditCardType:
      brand === 'visa'
        ? 'Visa'
        : brand === 'mastercard'
          ? 'MasterCard'
          : brand === 'amex'
            ? 'AmericanExpress'
            : brand === 'elo'
              ? 'Elo'
              : 'Discover',
    last4: digits.slice(-4),
    bin: digits.slice(0, 6),
    expirationMonth: expMonth,
    expirationYear: expYear,
    holderName,
    createdDate: stamp,
    updatedDate: stamp,
  }
  state.paymentMethods[method.id] = method
  account.defaultPaymentMethodId = method.id
  session.used = true
  return json({ success: true, refId: method.id })
}

/**
 * How the simulated card gateway answers a charge, by the default card's last four digits, as
 * Stripe's test cards do: 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient
 * funds; any other card is approved.
 *
 * Zuora answers a declined electronic payment as any failed write: HTTP 200 with `success: false`
 * and the gateway's words in `reasons[].message` (the payment itself is kept with status Error:
 * Zuora Knowledge Center, "How do I find out why a payment or refund transaction failed?"). The
 * message is `Transaction declined.` then the gateway's code and text; for Stripe v2 these are
 * `402 - [card_error/<code>/<decline code>] <text>`, as observed and matched verbatim by
 * guardian/support-frontend : support-workers/src/main/scala/com/gu/support/workers/exceptions/CardDeclinedMessages.scala.
 * Zuora documents no reason code for a decline (post_createpayment.md has no error sample): the
 * simulator uses a business-rule one (category 30), a refusal rather than a fault of Zuora.
 */
const cardGatewayDeclines: Record<string, string> = {
  '0002': 'Transaction declined.402 - [card_error/card_declined/generic_decline] Your card was declined.',
  '9995': 'Transaction declined.402 - [card_error/card_declined/insufficient_funds] Your card has insufficient funds.',
}

export async function createPayment(
  request: Request,
  state: SimState,
  book: InvoiceBook,
  now: number,
): Promise<Response> {
  const body = await readJsonObject(request)
  if (!body) return malformedRequest()
  const parsed = createPaymentRequestSchema.safeParse(body)
  if (!parsed.success) return refusedBody(parsed.error)
  const input = parsed.data
  const account = findAccount(state, input.accountId ?? input.accountNumber ?? '')
  if (!account) return notFound(`Account ${input.accountId ?? input.accountNumber}`)
  const methodId = input.paymentMethodId ?? account.defaultPaymentMethodId
  const method = methodId ? state.paymentMethods[methodId] : undefined
  if (input.type === 'Electronic' && (!method || method.accountId !== account.id))
    return fail(reasonCodes.businessRule, 'An electronic payment needs a payment method of the account.')
  const amountMinor = toMinor(input.amount)
  const applications: { invoice: ZInvoice; amountMinor: number }[] = []
  for (const application of input.invoices ?? []) {
    const found = book.find(state, application.invoiceId)
    if (!found || found.account.id !== account.id) return notFound(`Invoice ${application.invoiceId}`)
    const { invoice } = found
    if (invoice.status !== 'Posted')
      return fail(reasonCodes.businessRule, `Invoice ${invoice.invoiceNumber} is not posted: no payment applies to it.`)
    if (toMinor(application.amount) > invoice.balanceMinor)
      return fail(
        reasonCodes.businessRule,
        `The amount applied to invoice ${invoice.invoiceNumber} is more than its balance.`,
      )
    applications.push({ invoice, amountMinor: toMinor(application.amount) })
  }
  const applied = applications.reduce((sum, a) => sum + a.amountMinor, 0)
  if (applied > amountMinor) return fail(reasonCodes.businessRule, 'The applied amounts are more than the payment.')
  const declined = input.type === 'Electronic' && method ? cardGatewayDeclines[method.last4] : undefined
  if (declined) return fail(reasonCodes.businessRule, declined)
  const stamp = new Date(now).toISOString()
  for (const { invoice, amountMinor: part } of applications) applyPayment(state, invoice, part, stamp)
  const n = takeNumber(state)
  const payment = {
    id: zuoraId('8ad0ba70', n),
    number: `P-${String(n).padStart(8, '0')}`,
    accountId: account.id,
    accountNumber: account.accountNumber,
    paymentMethodId: method?.id ?? '',
    amountMinor,
    currency: input.currency,
    effectiveDate: input.effectiveDate ?? isoDate(new Date(now)),
    invoices: applications.map((a) => ({ invoiceId: a.invoice.id, amountMinor: a.amountMinor })),
    createdDate: stamp,
  }
  state.payments.push(payment)
  return json({
    id: payment.id,
    number: payment.number,
    status: 'Processed',
    type: input.type,
    accountId: account.id,
    accountNumber: account.accountNumber,
    amount: decimal(amountMinor),
    appliedAmount: decimal(applied),
    unappliedAmount: decimal(amountMinor - applied),
    refundAmount: 0,
    creditBalanceAmount: 0,
    currency: payment.currency,
    effectiveDate: payment.effectiveDate,
    paymentMethodId: payment.paymentMethodId || null,
    gatewayState: input.type === 'Electronic' ? 'Submitted' : 'NotSubmitted',
    gatewayResponse: input.type === 'Electronic' ? 'Approved' : null,
    gatewayResponseCode: input.type === 'Electronic' ? '100' : null,
    createdDate: zuoraDateTime(now),
    updatedDate: zuoraDateTime(now),
    success: true,
  })
}
