/**
 * The simulated tenant's data as plain JSON data, so a page running the simulator keeps it across reloads and
 * shares it with its other tabs. The Set and Map in SimState travel as arrays. Orders in flight
 * are not kept: the page that was committing them is gone. What is read back is checked for its
 * shape and version; anything else counts as nothing stored (the caller seeds afresh).
 */
import type { SimState } from './state'

/** Bump when SimState changes shape. */
export const SIM_STATE_VERSION = 2

type Stored = Omit<SimState, 'ordersInFlight' | 'tokens'> & { tokens: [string, number][] }

/** Plain data JSON.stringify can write. */
export type StoredSimState = { version: number; state: Stored }

export function simStateToPlain(state: SimState): StoredSimState {
  const { ordersInFlight: _inFlight, tokens, ...rest } = state
  return { version: SIM_STATE_VERSION, state: structuredClone({ ...rest, tokens: [...tokens] }) }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function looksLikeState(value: unknown): value is Stored {
  if (!isRecord(value)) return false
  return (
    typeof value.seededOn === 'string' &&
    Array.isArray(value.accounts) &&
    value.accounts.every(
      (account) =>
        isRecord(account) &&
        typeof account.invoiceDeliveryPrefsEmail === 'boolean' &&
        Array.isArray(account.additionalEmailAddresses),
    ) &&
    isRecord(value.contacts) &&
    Array.isArray(value.subscriptions) &&
    isRecord(value.paymentMethods) &&
    Array.isArray(value.orderInvoices) &&
    isRecord(value.orders) &&
    isRecord(value.jobs) &&
    Array.isArray(value.payments) &&
    isRecord(value.invoiceBalances) &&
    Object.values(value.invoiceBalances).every(
      (entry) => isRecord(entry) && typeof entry.balanceMinor === 'number' && typeof entry.updatedDate === 'string',
    ) &&
    isRecord(value.pageSessions) &&
    Array.isArray(value.tokens) &&
    value.tokens.every(
      (entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number',
    ) &&
    typeof value.nextNumber === 'number'
  )
}

export function simStateFromPlain(parsed: unknown): SimState | null {
  if (!isRecord(parsed) || parsed.version !== SIM_STATE_VERSION || !looksLikeState(parsed.state)) return null
  const { tokens, ...rest } = parsed.state
  return { ...structuredClone(rest), tokens: new Map(tokens), ordersInFlight: new Set() }
}
