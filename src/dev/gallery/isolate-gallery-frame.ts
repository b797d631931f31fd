import { IDBFactory } from 'fake-indexeddb'

/**
 * A gallery frame (`?__gallery=<state>`) must be a browser of its own: dozens of frames of the
 * same origin sit side by side, and through the real localStorage and IndexedDB they would share
 * breakers, saved caches, carts and the simulated backend's data, and fight through storage events.
 * So a frame swaps both storages and IndexedDB for in-memory ones (fake-indexeddb: development and
 * demo builds only) and ignores other documents' storage events.
 *
 * It must run before any app module is even loaded: some take hold of localStorage as they load
 * (the shared breakers, the cart and language stores). Hence main.tsx loads the app only after
 * the development bootstrap (start-mock-backend.ts), which calls this first.
 */
export function isolateGalleryFrame(): void {
  for (const name of ['localStorage', 'sessionStorage'] as const) {
    Object.defineProperty(window, name, { value: new MemoryStorage(), configurable: true })
  }
  Object.defineProperty(window, 'indexedDB', { value: new IDBFactory(), configurable: true })
  // Real storage events come from other documents (the designer's own tab of the app): not ours.
  // The frame's bootstrap dispatches its own (untrusted) one after seeding; that one goes through.
  window.addEventListener(
    'storage',
    (event) => {
      if (event.isTrusted) event.stopImmediatePropagation()
    },
    { capture: true },
  )
}

/** The Storage interface over a Map, for one page load. */
class MemoryStorage implements Storage {
  // Truly private: Object.keys(localStorage) must list stored keys only, as with the real one.
  readonly #values = new Map<string, string>();
  [name: string]: unknown

  get length(): number {
    return this.#values.size
  }

  key(index: number): string | null {
    return [...this.#values.keys()][index] ?? null
  }

  getItem(key: string): string | null {
    return this.#values.get(key) ?? null
  }

  setItem(key: string, value: string): void {
    this.#values.set(key, String(value))
  }

  removeItem(key: string): void {
    this.#values.delete(key)
  }

  clear(): void {
    this.#values.clear()
  }
}
