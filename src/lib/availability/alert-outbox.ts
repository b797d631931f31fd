/**
 * Where alerts wait to be sent (alert-reporter.ts). Apart from the reporter so that the app can
 * tell at start, without fetching the reporter's code, whether an earlier visit left any.
 */
export const alertOutboxKey = 'billing-alerts-outbox'

/** False only when the outbox is known to be empty; storage that cannot be read leaves it to the reporter. */
export function alertsMayBeWaiting(): boolean {
  try {
    const raw = localStorage.getItem(alertOutboxKey)
    return raw !== null && raw !== '[]'
  } catch {
    return true
  }
}
