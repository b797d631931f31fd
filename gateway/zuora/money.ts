/**
 * Zuora sends money as decimal numbers (49.5, 1234.56); the contract carries integer minor units
 * (`amountMinor`) so that sums stay exact. The conversion goes by the currency's ISO 4217
 * exponent: 2 for most, 0 for JPY or CLP, 3 for BHD or KWD. Intl knows the exponent of every
 * currency it supports; the few it reports wrongly for billing are pinned here.
 */
import type { Money } from '../../src/lib/api/schemas'
import { currencyCodes } from '../../src/lib/api/currencies'

type CurrencyCode = Money['currency']

/** Where Intl's digits differ from ISO 4217's minor unit (ICU rounds these for cash). */
const isoExponentOverrides: Partial<Record<string, number>> = { ISK: 0, UGX: 0, HUF: 2, TWD: 2, IDR: 2 }

/**
 * Exponents already asked of Intl: building a NumberFormat costs far more than the conversion it
 * serves, and the gateway converts every amount of every invoice it reads (10,000 for Globex).
 */
const exponents = new Map<string, number>()

export function currencyExponent(currency: string): number {
  const override = isoExponentOverrides[currency]
  if (override !== undefined) return override
  const known = exponents.get(currency)
  if (known !== undefined) return known
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits
  const exponent = digits ?? 2
  exponents.set(currency, exponent)
  return exponent
}

export function isCurrencyCode(value: string): value is CurrencyCode {
  return (currencyCodes as readonly string[]).includes(value)
}

/**
 * A decimal amount in minor units. Rounds half away from zero on the decimal string, not on the
 * binary float: 0.285 × 100 is 28.499999… in floating point and must still be 29.
 */
export function toMinor(amount: number, currency: string): number {
  if (!Number.isFinite(amount)) throw new RangeError(`Not an amount: ${amount}`)
  const exponent = currencyExponent(currency)
  const [whole = '0', fraction = ''] = Math.abs(amount)
    .toFixed(exponent + 2)
    .split('.')
  const kept = fraction.slice(0, exponent)
  const next = Number(fraction[exponent] ?? '0')
  let minor = Number(whole + kept.padEnd(exponent, '0'))
  if (next >= 5) minor += 1
  return amount < 0 ? -minor : minor
}

/** Minor units back to the decimal Zuora takes (a number with at most `exponent` decimals). */
export function fromMinor(amountMinor: number, currency: string): number {
  const exponent = currencyExponent(currency)
  return Number((amountMinor / 10 ** exponent).toFixed(exponent))
}

export function money(amount: number, currency: string): Money {
  if (!isCurrencyCode(currency)) throw new RangeError(`Unknown currency ${currency}`)
  return { amountMinor: toMinor(amount, currency), currency }
}
