import { MAX_SEATS } from '@/lib/api/contract-bounds'

/**
 * Why a typed quantity cannot be bought, as a code: components keep the code in state and say it
 * in the admin's current language when they render, so switching language re-words it.
 */
export type QuantityProblem =
  | { code: 'wholeNumber' }
  | { code: 'seatsBelowInUse'; inUse: number }
  | { code: 'seatsTooMany'; max: number }
  | { code: 'outOfRange'; min: number; max: number }

export type QuantityCheck = { ok: true; value: number } | { ok: false; problem: QuantityProblem }

function wholeNumber(text: string): number | null {
  const value = Number(text)
  return text.trim() === '' || !Number.isInteger(value) ? null : value
}

/**
 * The seat rule, the same on the subscription page and in the cart: a whole number, at least the
 * seats agents are using (and at least one), at most the contract's MAX_SEATS.
 */
export function checkSeats(text: string, seatsInUse: number | undefined): QuantityCheck {
  const value = wholeNumber(text)
  if (value === null) return { ok: false, problem: { code: 'wholeNumber' } }
  const inUse = seatsInUse ?? 0
  if (value < Math.max(1, inUse)) {
    return {
      ok: false,
      problem: inUse > 1 ? { code: 'seatsBelowInUse', inUse } : { code: 'outOfRange', min: 1, max: MAX_SEATS },
    }
  }
  if (value > MAX_SEATS) return { ok: false, problem: { code: 'seatsTooMany', max: MAX_SEATS } }
  return { ok: true, value }
}

/** An add-on's quantity: a whole number within what the catalog allows (0 removes an owned one). */
export function checkAddonQuantity(text: string, bounds: { min: number; max: number }): QuantityCheck {
  const value = wholeNumber(text)
  if (value === null) return { ok: false, problem: { code: 'wholeNumber' } }
  if (value < bounds.min || value > bounds.max) return { ok: false, problem: { code: 'outOfRange', ...bounds } }
  return { ok: true, value }
}
