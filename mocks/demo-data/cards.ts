/**
 * What the simulated Zuora checks of a card number typed on its hosted payment page (the app never
 * sees it): the Luhn check digit, and the brand it shows (only brand, last four, expiry and holder
 * are kept).
 */
import type { PaymentMethod } from '../../src/lib/api/schemas'

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
