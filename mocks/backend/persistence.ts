/**
 * The browser keeps the simulated backend's state in localStorage, so that a reload, the hosted
 * payment page and other tabs all see the same billing. Only the mutable part is stored; a stored
 * copy from another version of this code is ignored rather than trusted.
 */
import type { MutableState } from './state'

export const STORAGE_KEY = 'billing-mock-db'
/** Bump when MutableState changes shape. */
export const STORAGE_VERSION = 3

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** localStorage when there is one (browser, happy-dom), none in plain Node. */
export function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof globalThis.localStorage === 'undefined' ? null : globalThis.localStorage
  } catch {
    return null // access denied (sandboxed iframe, privacy settings)
  }
}

export function readRaw(storage: KeyValueStorage | null): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null
  } catch {
    return null
  }
}

export function parseStored(raw: string | null): MutableState | null {
  if (raw === null) return null
  try {
    const stored = JSON.parse(raw) as { version?: unknown; state?: MutableState }
    if (stored.version !== STORAGE_VERSION || typeof stored.state !== 'object' || stored.state === null) return null
    const { state } = stored
    return typeof state.subscriptions === 'object' &&
      Array.isArray(state.orders) &&
      Array.isArray(state.idempotency) &&
      typeof state.alertReceipts === 'object' &&
      state.alertReceipts !== null &&
      typeof state.status === 'object' &&
      typeof state.statusChecks === 'object'
      ? state
      : null
  } catch {
    return null
  }
}

/** Returns what was written, so the caller can tell its own write from another tab's. */
export function writeStored(storage: KeyValueStorage | null, state: MutableState): string | null {
  if (!storage) return null
  const raw = JSON.stringify({ version: STORAGE_VERSION, state })
  try {
    storage.setItem(STORAGE_KEY, raw)
    return raw
  } catch {
    return null // quota exceeded: the state still lives in memory
  }
}

export function clearStored(storage: KeyValueStorage | null): void {
  try {
    storage?.removeItem(STORAGE_KEY)
  } catch {
    // nothing to clear
  }
}
