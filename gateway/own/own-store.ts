/**
 * Where the gateway keeps the vendor's own state (own-state.ts): one JSON document in the
 * key-value store, changed one change at a time. On one instance the changes are serialised here;
 * a fleet on a shared store needs its compare-and-set (issue 17), which this interface leaves room
 * for without changing its callers.
 */
import type { Clock, KeyValueStore } from '../ports'
import type { OwnState } from './own-state'
import { seedStatus, seedStatusChecks } from './status'

const KEY = 'own-state:v1'

export type OwnStore = {
  read(): Promise<OwnState>
  /** Applies `change` to the current state and saves it; the change's result is returned. */
  mutate<T>(change: (draft: OwnState) => T): Promise<T>
}

export function freshOwnState(now: Date): OwnState {
  return {
    status: seedStatus(now),
    statusChecks: seedStatusChecks(now),
    alerts: [],
    alertReceipts: {},
    changeRequests: [],
    nextId: 1,
  }
}

export function createOwnStore({
  store,
  clock,
  seed,
}: {
  store: KeyValueStore
  clock: Clock
  seed?: OwnState
}): OwnStore {
  let queue: Promise<unknown> = Promise.resolve()
  let cached: OwnState | null = seed ? structuredClone(seed) : null

  async function load(): Promise<OwnState> {
    const raw = await store.get(KEY)
    if (raw !== null) {
      try {
        cached = JSON.parse(raw) as OwnState
        return cached
      } catch {
        // A copy that is not JSON is not ours to trust: start from what this instance knows.
      }
    }
    cached ??= freshOwnState(new Date(clock.now()))
    return cached
  }

  return {
    read: () => load().then((state) => structuredClone(state)),
    mutate<T>(change: (draft: OwnState) => T): Promise<T> {
      const run = queue.then(async () => {
        const draft = structuredClone(await load())
        const result = change(draft)
        await store.set(KEY, JSON.stringify(draft))
        cached = draft
        return result
      })
      queue = run.catch(() => undefined)
      return run
    },
  }
}
