import { IDBFactory } from 'fake-indexeddb'

/**
 * A gallery frame (`?__gallery=<state>`) must be a browser of its own: dozens of frames of the
 * same origin sit side by side, and through the real localStorage, IndexedDB and cookies they would
 * share breakers, saved caches, carts, the simulated backend's data and who is signed in, and fight
 * through storage events. So a frame swaps both storages and IndexedDB for in-memory ones
 * (fake-indexeddb: development and demo builds only) and `document.cookie` for a jar of its own
 * (the gateway's session cookie, which MSW writes there: record 031), and ignores other documents'
 * storage events.
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
  // Cookies are the origin's, not the document's: a frame signing in would sign the designer's
  // own tab of the app (and every other frame) into its session.
  const jar = new MemoryCookieJar()
  Object.defineProperty(document, 'cookie', {
    get: () => jar.read(),
    set: (value: string) => jar.write(String(value)),
    configurable: true,
  })
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

/**
 * `document.cookie` over a Map, for one page load: "name=value; attributes" in, "a=1; b=2" out.
 * One path and no domain here (the simulated backend sets Path=/ cookies), so only the expiry
 * counts: Max-Age ≤ 0 or an Expires in the past deletes the cookie, as the browser does.
 */
class MemoryCookieJar {
  readonly #values = new Map<string, string>()

  read(): string {
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  write(cookie: string): void {
    const [pair = '', ...attributes] = cookie.split(';')
    const split = pair.indexOf('=')
    const name = (split < 0 ? '' : pair.slice(0, split)).trim()
    if (name === '') return
    const expired = attributes.some((attribute) => {
      const [key = '', value = ''] = attribute.split('=').map((part) => part.trim())
      if (key.toLowerCase() === 'max-age') return Number(value) <= 0
      if (key.toLowerCase() === 'expires') return Date.parse(value) <= Date.now()
      return false
    })
    if (expired) this.#values.delete(name)
    else this.#values.set(name, pair.slice(split + 1).trim())
  }
}
