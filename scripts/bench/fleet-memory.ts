/**
 * Memory under 10,000 accounts (issue 17, item 3): what one instance holds when every account has
 * its copies (subscription, billing details), its admin's session and an order key, in the memory
 * store a single instance keeps (and a fleet instance mirrors Redis into). Measured: the store's own
 * count of bytes, the heap it took, and what it evicted under its bound, with the default bound and
 * with a small one to show the bound holding.
 */
import { createMemoryStore } from '../../gateway/stores/memory-store'
import { createSessionStore } from '../../gateway/stores/sessions'
import { createStaleCopyStore } from '../../gateway/stores/stale-copy'

export type MemoryFigures = { storeMb: number; heapMb: number; evictions: number; boundMb: number }

/** About the size of a real subscription answer (plan, seats, add-ons, terms): 2 kB. */
const subscriptionCopy = (account: number) =>
  JSON.stringify({
    accountId: `acc_${account}`,
    plan: { id: 'plan_professional', name: 'Professional', unitPrice: { amountMinor: 4900, currency: 'USD' } },
    seats: { purchased: 25, inUse: 21 },
    addons: Array.from({ length: 4 }, (_, i) => ({ id: `addon_${i}`, quantity: i + 1, description: 'x'.repeat(200) })),
    term: { startsOn: '2026-01-01', endsOn: '2026-12-31', autoRenew: true },
    notes: 'y'.repeat(800),
  })

const billingCopy = (account: number) =>
  JSON.stringify({
    company: `Company ${account}`,
    address: 'z'.repeat(300),
    taxId: `TAX${account}`,
    email: `billing@${account}.test`,
  })

export async function memoryUnder(accounts: number, boundBytes?: number): Promise<MemoryFigures> {
  const clock = { now: () => Date.now() }
  globalThis.gc?.()
  const before = process.memoryUsage().heapUsed
  const store = createMemoryStore({ clock, maxBytes: boundBytes ?? 256 * 1024 * 1024 })
  const copies = createStaleCopyStore({ store, clock })
  const sessions = createSessionStore({ store, clock })
  for (let account = 0; account < accounts; account++) {
    const now = clock.now()
    await copies.put(`acc_${account}`, 'subscription', subscriptionCopy(account), now)
    await copies.put(`acc_${account}`, 'billing-details', billingCopy(account), now)
    await sessions.create({ userId: `usr_${account}`, accountId: `acc_${account}` })
    await store.set(`order-key:acc_${account}:k`, 'k'.repeat(600), { ttlMs: 24 * 3_600_000 })
  }
  globalThis.gc?.()
  const stats = store.stats()
  return {
    storeMb: stats.bytes / 1_048_576,
    heapMb: (process.memoryUsage().heapUsed - before) / 1_048_576,
    evictions: stats.evictions,
    boundMb: stats.maxBytes / 1_048_576,
  }
}
