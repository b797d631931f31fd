/**
 * The provider's hosted payment page, simulated: the app only opens a session; the card number is
 * typed on the provider's page, checked here, and only brand, last four, expiry and holder are kept.
 */
import type { PaymentMethod, PaymentSession } from '../../src/lib/api/schemas'
import { hostedPaymentPagePath, type HostedCardInput } from '../hosted-payment-contract'
import { minutesFrom } from './dates'
import { notFound, validationFailed } from '../../gateway/http/errors'
import { takeId, type MutableState, type PaymentSessionRecord } from './state'

export const PAYMENT_SESSION_TTL_MINUTES = 30

type Brand = NonNullable<PaymentMethod['card']>['brand']

export function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

const eloPrefixes = ['636368', '438935', '504175', '451416']

/** Elo is checked first: some Elo ranges start with 4 and would otherwise look like Visa. */
export function cardBrand(digits: string): Brand {
  if (eloPrefixes.some((prefix) => digits.startsWith(prefix))) return 'elo'
  if (digits.startsWith('4')) return 'visa'
  if (/^5[1-5]/.test(digits)) return 'mastercard'
  if (/^3[47]/.test(digits)) return 'amex'
  return 'other'
}

export function createPaymentSession(
  state: MutableState,
  accountId: string,
  returnUrl: string,
  now: Date,
): PaymentSession {
  const nowIso = now.toISOString()
  state.paymentSessions = state.paymentSessions.filter((session) => session.expiresAt > nowIso)
  const record: PaymentSessionRecord = {
    id: takeId(state, 'ps'),
    accountId,
    returnUrl,
    expiresAt: minutesFrom(now, PAYMENT_SESSION_TTL_MINUTES),
  }
  state.paymentSessions.push(record)
  const url = `${hostedPaymentPagePath}?session=${encodeURIComponent(record.id)}&returnUrl=${encodeURIComponent(returnUrl)}`
  return { sessionId: record.id, url, expiresAt: record.expiresAt }
}

export function findPaymentSession(state: MutableState, sessionId: string, now: Date): PaymentSessionRecord {
  const session = state.paymentSessions.find((s) => s.id === sessionId)
  if (!session || session.expiresAt <= now.toISOString())
    throw notFound('This payment session does not exist or has expired.')
  return session
}

/** Checks the card as a provider would, stores the safe part of it and closes the session. */
export function completeHostedPayment(
  state: MutableState,
  sessionId: string,
  input: HostedCardInput,
  now: Date,
): PaymentMethod {
  const session = findPaymentSession(state, sessionId, now)
  const digits = input.cardNumber.replace(/[\s-]/g, '')
  const fields: Record<string, string> = {}
  if (!/^\d{13,19}$/.test(digits)) fields.cardNumber = 'Enter the 13 to 19 digits of the card number.'
  else if (!luhnValid(digits)) fields.cardNumber = 'This card number is not valid.'
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth()
  if (input.expYear * 12 + (input.expMonth - 1) < thisMonth) {
    fields.expMonth = 'This card has expired.'
    fields.expYear = 'This card has expired.'
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields)

  const method: PaymentMethod = {
    card: {
      brand: cardBrand(digits),
      last4: digits.slice(-4),
      expMonth: input.expMonth,
      expYear: input.expYear,
      holderName: input.holderName,
    },
    updatedAt: now.toISOString(),
  }
  state.paymentMethods[session.accountId] = method
  state.paymentSessions = state.paymentSessions.filter((s) => s.id !== sessionId)
  return method
}
