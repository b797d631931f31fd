/**
 * localStorage as the stores persist to it, where it cannot throw: blocked (cookies blocked,
 * some private modes) or full (quota), a read gives nothing and a write is dropped. The app then
 * works from memory: a cart action never fails because the browser would not save it.
 */
export const safeLocalStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
  getItem(key) {
    try {
      return globalThis.localStorage?.getItem(key) ?? null
    } catch {
      return null
    }
  },
  setItem(key, value) {
    try {
      globalThis.localStorage?.setItem(key, value)
    } catch {
      // Full or blocked: kept in memory only (this tab), which is all the browser allows.
    }
  },
  removeItem(key) {
    try {
      globalThis.localStorage?.removeItem(key)
    } catch {
      // Nothing could have been saved either.
    }
  },
}
