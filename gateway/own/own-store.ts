/**
 * Where the gateway keeps the vendor's own state (own-state.ts): one JSON document in the
 * key-value store, changed one change at a time. A change reads the document, applies itself and
 * writes it back only if nobody wrote in between (`compareAndSet`); otherwise it reads again and
 * applies itself to what the other instance wrote. So two instances of a fleet adding an alert or
 * a change request at the same moment both keep theirs. On one instance the changes are also
 * queued here, so they do not race each other for nothing.
 */
import type { Clock, KeyValueStore } from '../ports'
import type { OwnState } from './own-state'
import { seedStatus, seedStatusChecks } from './status'

const KEY = 'own-state:v1'

/** Past this many lost races in a row something is wrong (a writer in a loop): say so. */
const MAX_ATTEMPTS = 20
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

  /** The stored text (for the compare-and-set) and the state it holds. */
  async function load(): Promise<{ raw: string | null; state: OwnState }> {
    const raw = await store.get(KEY)
    if (raw !== null) {
      try {
        cached = JSON.parse(raw) as OwnState
        return { raw, state: cached }
      } catch {
        // A copy that is not JSON is not ours to trust: start from what this instance knows.
      }
    }
    cached ??= freshOwnState(new Date(clock.now()))
    return { raw, state: cached }
  }

  return {
    read: () => load().then(({ state }) => structuredClone(state)),
    mutate<T>(change: (draft: OwnState) => T): Promise<T> {
      const run = queue.then(async () => {
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          const { raw, state } = await load()
          const draft = structuredClone(state)
          const result = change(draft)
          if (await store.compareAndSet(KEY, raw, JSON.stringify(draft))) {
            cached = draft
            return result
          }
        }
        throw new Error(`The gateway's own state changed under ${MAX_ATTEMPTS} attempts in a row; nothing was saved`)
      })
      queue = run.catch(() => undefined)
      return run
    },
  }
}
