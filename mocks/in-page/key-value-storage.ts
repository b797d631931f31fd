/**
 * Where the in-page gateway, its Zuora simulator and the scenario choice keep their state in the
 * browser: localStorage, so that a reload, the hosted payment page and other tabs see the same
 * billing. Injected, so the tests give each a storage of its own.
 */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** localStorage when there is one (browser, happy-dom), none in plain Node. */
export function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof globalThis.localStorage === 'undefined' ? null : globalThis.localStorage
  } catch {
    return null // access denied (sandboxed iframe, privacy settings)
  }
}
