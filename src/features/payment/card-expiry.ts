const dayMs = 24 * 60 * 60_000

/** How many days before its expiry a card is flagged, so that the admin has time to replace it. */
export const expiryWarningDays = 60

export type ExpiryState = { kind: 'valid' } | { kind: 'soon'; days: number } | { kind: 'expired' }

/** A card is valid through the last day of its expiry month (the provider's rule), in UTC. */
export function expiryState(expMonth: number, expYear: number, now: number): ExpiryState {
  const endsAt = Date.UTC(expYear, expMonth, 1) // month is 0-based: this is the first day after expiry
  const days = Math.ceil((endsAt - now) / dayMs)
  if (days <= 0) return { kind: 'expired' }
  if (days <= expiryWarningDays) return { kind: 'soon', days }
  return { kind: 'valid' }
}

/** MM/YYYY: how the date is printed on the card itself, the same in every language. */
export const formatExpiry = (expMonth: number, expYear: number) => `${String(expMonth).padStart(2, '0')}/${expYear}`
