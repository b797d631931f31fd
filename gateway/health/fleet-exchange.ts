/**
 * How the instances of a fleet see each other's calls (record 030): each writes its own view of
 * each capability into one hash per capability in the shared store (its field, its name) every
 * `everyMs`, and reads the others' back. The detector folds in what was read last (fleet-view.ts);
 * a view that stops coming goes stale by itself and no longer counts. With the store failing, each
 * instance reads only itself back (fallback-store.ts): it stands alone, as one instance does.
 */
import { z } from 'zod'
import type { KeyValueStore } from '../ports'
import { capabilities, failureKinds, type Capability } from './calls'
import { FLEET_VIEW_FRESH_MS, type SharedView } from './fleet-view'
import type { FleetPeers, HealthMonitor } from './monitor'

const countsSchema = z.object({
  calls: z.number(),
  ok: z.number(),
  slow: z.number(),
  shed: z.number(),
  failures: z.object(Object.fromEntries(failureKinds.map((kind) => [kind, z.number()])) as Record<string, z.ZodNumber>),
})

const sharedViewSchema = z.object({
  instance: z.string(),
  at: z.number(),
  breaker: z.enum(['closed', 'open', 'half_open']),
  openedAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  lastOkAt: z.number(),
  lastFailureAt: z.number(),
  probes: z.array(z.object({ startedAt: z.number(), endedAt: z.number(), ok: z.boolean() })).max(20),
  view: z.object({
    now: z.number(),
    window: countsSchema,
    recent: countsSchema,
    run: z.object({ length: z.number(), startedAt: z.number().nullable(), kinds: z.array(z.enum(failureKinds)) }),
    inFlight: z.number(),
    overdue: z.number(),
    stalledMs: z.number().nullable(),
    shedUntil: z.number().nullable(),
    lastRetryAfterMs: z.number(),
    lastFailureKinds: z.array(z.enum(failureKinds)),
  }),
})

export type FleetExchange = FleetPeers & {
  /** Writes this instance's views and reads everyone's; never rejects (a failed round keeps the last read). */
  sync(monitor: HealthMonitor, now: number): Promise<void>
  /** Rounds that failed to read or write the store (metrics). */
  readonly failures: number
}

const keyOf = (capability: Capability) => `health-views:${capability}`

export function createFleetExchange({ store, instance }: { store: KeyValueStore; instance: string }): FleetExchange {
  const peers = new Map<Capability, SharedView[]>()
  let failures = 0
  let syncing = false

  async function syncOne(monitor: HealthMonitor, capability: Capability, now: number) {
    const own = monitor.sharedView(capability, now)
    await store.hashSet(keyOf(capability), instance, JSON.stringify(own), { ttlMs: FLEET_VIEW_FRESH_MS * 4 })
    const fields = await store.hashGetAll(keyOf(capability))
    const read: SharedView[] = []
    for (const [name, text] of Object.entries(fields)) {
      if (name === instance) continue
      try {
        const parsed = sharedViewSchema.safeParse(JSON.parse(text))
        // A view that does not parse is not evidence: left out rather than trusted.
        if (parsed.success && parsed.data.instance === name) read.push(parsed.data as SharedView)
      } catch {
        // Not JSON: likewise left out.
      }
    }
    peers.set(capability, read)
  }

  return {
    instance,
    peers: (capability) => peers.get(capability) ?? [],
    get failures() {
      return failures
    },
    async sync(monitor, now) {
      // One round at a time: a slow store must not pile rounds up.
      if (syncing) return
      syncing = true
      try {
        await Promise.all(capabilities.map((capability) => syncOne(monitor, capability, now)))
      } catch {
        failures++
      } finally {
        syncing = false
      }
    },
  }
}
