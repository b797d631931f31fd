/**
 * The account's default payment method (GET /v1/accounts/{account-key}/payment-methods/default)
 * as the contract's card: brand and last four only. Zuora masks the number itself; anything that
 * is not a masked card number ending in four digits is not shown.
 */
import type { PaymentMethod } from '../../../src/lib/api/schemas'
import type { DefaultPaymentMethodResponse } from '../spec'

const brands: Record<string, NonNullable<PaymentMethod['card']>['brand']> = {
  visa: 'visa',
  mastercard: 'mastercard',
  americanexpress: 'amex',
  amex: 'amex',
  elo: 'elo',
}

export function toPaymentMethod(method: DefaultPaymentMethodResponse): PaymentMethod {
  const last4 = /(\d{4})$/.exec(method.cardNumber ?? '')?.[1]
  const updated = typeof method.updatedDate === 'string' ? Date.parse(method.updatedDate) : NaN
  const updatedAt = Number.isFinite(updated) ? new Date(updated).toISOString() : null
  if (method.type !== 'CreditCard' || !last4 || !method.expirationMonth || !method.expirationYear)
    return { card: null, updatedAt }
  return {
    card: {
      brand: brands[(method.creditCardType ?? '').toLowerCase().replace(/[^a-z]/g, '')] ?? 'other',
      last4,
      expMonth: method.expirationMonth,
      expYear: method.expirationYear,
      holderName: (method.accountHolderInfo?.accountHolderName ?? '').slice(0, 200),
    },
    updatedAt,
  }
}
