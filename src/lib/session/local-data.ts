/**
 * What this browser keeps of a signed-in user, and how it is forgotten: on sign-out (at once, even
 * offline), when the server says the session ended, and when another tab signs out, in or into
 * another account. Kept apart: the simulated backend's own storage and the QA scenario choice
 * (development only), and the public health report, which belong to nobody.
 */

/**
 * localStorage keys (or prefixes) that hold a user's data: whose the saved pages are (the pages
 * themselves are in IndexedDB, forgotten below), breakers, alerts...
 */
const userKeyPrefixes = ['billing-cache', 'billing-breaker:', 'billing-alerts']
/** ...and carts and change-request drafts, which a session that merely expired keeps (the same admin signs back in). */
const cartKeyPrefixes = ['billing-cart', 'billing-request-draft', 'billing-request-approvals']
/** sessionStorage keys (prefixes) of this tab's drafts. */
const draftKeyPrefixes = ['billing-details-draft:']

/** Another tab signed out, in, or switched account: the key whose change every tab listens to. */
export const sessionChangeKey = 'billing-session-change'

function removeMatching(storage: Storage | undefined, prefixes: readonly string[]): void {
  if (!storage) return
  const keys: string[] = []
  for (let index = 0; index < storage.length; index++) {
    const key = storage.key(index)
    if (key !== null && prefixes.some((prefix) => key.startsWith(prefix))) keys.push(key)
  }
  for (const key of keys) storage.removeItem(key)
}

function storageOf(name: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return globalThis[name] ?? undefined
  } catch {
    return undefined // blocked by the browser: nothing was kept there either
  }
}

/**
 * Forgets every user's data this browser keeps, then tells this tab's stores (the cart, the
 * breakers) as another tab's clearing would: they read storage again and find nothing.
 */
export function forgetLocalData({ keepCarts = false }: { keepCarts?: boolean } = {}): void {
  // Asynchronous, but safe to race: a write of the old pages that starts after this finds no scope
  // in the database and writes nothing; one that started before is deleted by it. (Loaded on use:
  // IndexedDB code is not part of the first page's JavaScript.)
  // Should it not load, the pages stay in the database unread: the next start finds them under a
  // scope that is no longer the browser's (removed below) and deletes them.
  import('@/lib/persistence/saved-cache-store').then((store) => store.forgetSavedCache()).catch(() => undefined)
  try {
    removeMatching(storageOf('localStorage'), keepCarts ? userKeyPrefixes : [...userKeyPrefixes, ...cartKeyPrefixes])
    removeMatching(storageOf('sessionStorage'), draftKeyPrefixes)
  } catch {
    // Storage blocked or failing: what it may still hold is unreadable to the app anyway.
  }
  if (typeof window !== 'undefined') window.dispatchEvent(new StorageEvent('storage', { key: null }))
}

/** Tells the other tabs that who is signed in, or on which account, has changed. */
export function announceSessionChange(): void {
  try {
    storageOf('localStorage')?.setItem(sessionChangeKey, `${Date.now()}:${Math.random()}`)
  } catch {
    // Blocked: other tabs learn it from their next request (401 or account_changed).
  }
}

/** Calls back when another tab announces a session change (or clears storage). */
export function onSessionChangeElsewhere(listener: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined
  const onStorage = (event: StorageEvent) => {
    if (event.key === sessionChangeKey && event.storageArea !== null) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => window.removeEventListener('storage', onStorage)
}
