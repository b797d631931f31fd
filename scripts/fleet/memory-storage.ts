/**
 * One simulated browser's localStorage, shared by its tabs, with the `storage` event: a write by
 * one tab reaches the browser's other tabs (never the writer), asynchronously (a task, as in a
 * browser: here an event at the same simulated time), and only when the value changed. Also the
 * browser's Web Locks, as the status poller uses them.
 */
import type { Locks } from '../../src/lib/resilience/status-poller'
import type { Simulation } from './simulation'

type Listener = (key: string | null) => void

export class BrowserStorage {
  private readonly items = new Map<string, string>()
  private readonly listeners = new Map<number, Set<Listener>>()

  constructor(private readonly simulation: Simulation) {}

  /** Tab `tab`'s view of it: the `Storage` its runtime writes to. */
  forTab(tab: number): Storage {
    const items = this.items
    const changed = (key: string | null) => this.notify(tab, key)
    return {
      get length() {
        return items.size
      },
      clear() {
        if (items.size === 0) return
        items.clear()
        changed(null)
      },
      getItem: (key) => items.get(key) ?? null,
      key: (index) => [...items.keys()][index] ?? null,
      removeItem(key) {
        if (items.delete(key)) changed(key)
      },
      setItem(key, value) {
        if (items.get(key) === value) return
        items.set(key, String(value))
        changed(key)
      },
    }
  }

  /** Tab `tab`'s `storage` events (other tabs' writes): the runtime's onStorage. */
  listen(tab: number, listener: Listener): () => void {
    let set = this.listeners.get(tab)
    if (!set) this.listeners.set(tab, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  }

  private notify(writer: number, key: string | null): void {
    for (const [tab, set] of this.listeners) {
      if (tab === writer || set.size === 0) continue
      this.simulation.after(0, () => set.forEach((listener) => listener(key)))
    }
  }
}

/** navigator.locks.request(name, { ifAvailable: true }) for one browser: held until the task settles. */
export function browserLocks(simulation: Simulation): Locks {
  const held = new Set<string>()
  return {
    async ifAvailable(name, task) {
      if (held.has(name)) return
      held.add(name)
      simulation.touchAsync()
      try {
        await task()
      } finally {
        held.delete(name)
      }
    },
  }
}
