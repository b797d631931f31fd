/**
 * Web Storage in memory, for tests that hand a storage to the code under test (the breakers, the
 * status poller, the simulated backend's db) instead of using the environment's localStorage.
 *
 * One `MemoryStorage` is one browser's localStorage. `tab()` gives a view of it as one tab sees it:
 * its writes are announced to the other tabs' `onStorage` listeners, never to its own, as a browser
 * announces them with `storage` events. For the environment's real localStorage (happy-dom), a
 * write made "by another tab" is `writeFromAnotherTab`.
 */

type Listener = { tab: object; listener: (key: string | null) => void }

export class MemoryStorage implements Storage {
  /** What the storage holds, to look at or change behind the code's back. */
  readonly items = new Map<string, string>()
  private readonly listeners = new Set<Listener>()

  get length(): number {
    return this.items.size
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.write(this, () => this.items.set(key, String(value)), key)
  }
  removeItem(key: string): void {
    this.write(this, () => this.items.delete(key), key)
  }
  clear(): void {
    this.write(this, () => this.items.clear(), null)
  }

  /**
   * One tab's view of this storage: the same items; what it writes reaches the other tabs'
   * listeners (and listeners of writes made on the storage itself), not its own.
   */
  tab(): { storage: Storage; onStorage: (listener: (key: string | null) => void) => () => void } {
    const self = {}
    const items = this.items
    const write = (change: () => void, key: string | null) => this.write(self, change, key)
    const storage: Storage = {
      get length() {
        return items.size
      },
      key: (index) => [...items.keys()][index] ?? null,
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => write(() => items.set(key, String(value)), key),
      removeItem: (key) => write(() => items.delete(key), key),
      clear: () => write(() => items.clear(), null),
    }
    const onStorage = (listener: (key: string | null) => void) => {
      const entry = { tab: self, listener }
      this.listeners.add(entry)
      return () => void this.listeners.delete(entry)
    }
    return { storage, onStorage }
  }

  private write(writer: object, change: () => void, key: string | null): void {
    change()
    for (const entry of this.listeners) if (entry.tab !== writer) entry.listener(key)
  }
}

/**
 * Another tab of this browser wrote `key` in localStorage: the value is stored and this tab's
 * window gets the `storage` event a browser would send it.
 */
export function writeFromAnotherTab(key: string, value: string | null): void {
  const oldValue = localStorage.getItem(key)
  if (value === null) localStorage.removeItem(key)
  else localStorage.setItem(key, value)
  window.dispatchEvent(
    new StorageEvent('storage', { key, oldValue, newValue: value, storageArea: localStorage, url: location.href }),
  )
}
