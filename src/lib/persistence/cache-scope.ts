/**
 * Whose data the saved cache holds: one user on one account. Saved data is only ever shown to the
 * same user on the same account; signing out or switching account forgets it.
 */
const scopeKey = 'billing-cache-scope'
/** Where earlier versions saved the cache (localStorage); removed on start (persisted-cache.ts). */
export const legacyCacheStorageKey = 'billing-cache'

export const scopeOf = (userId: string, accountId: string) => `${userId}:${accountId}`

export function currentCacheScope(): string | null {
  try {
    return localStorage.getItem(scopeKey)
  } catch {
    return null
  }
}

/** A different user or account from the saved one: the saved cache is not theirs, drop it. */
export function enterCacheScope(scope: string): boolean {
  // The database keeps its own copy of the scope, which its writes check (saved-cache-store.ts):
  // claimed every time, since it may have been cleared apart from localStorage (or never written).
  // Loaded on use, like the persister: IndexedDB code is not part of the first page's JavaScript.
  // Not loaded (offline, a new deployment): no scope in the database, so nothing is written.
  import('./saved-cache-store').then((store) => store.claimSavedCacheScope(scope)).catch(() => undefined)
  const previous = currentCacheScope()
  if (previous === scope) return false
  try {
    localStorage.setItem(scopeKey, scope)
  } catch {
    // Storage blocked: nothing is saved either, so nothing can leak.
  }
  return previous !== null
}
