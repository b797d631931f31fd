/**
 * What a gallery frame's browser already holds when the page opens, written in the formats the
 * app itself writes (the saved query cache, the shared breakers, the cart) so that the app reads
 * it back through its own code: validated, scoped and versioned like anything it saved itself.
 * The frame's storages are in memory (isolate-gallery-frame.ts), so none of this leaks out.
 */
import { QueryClient, dehydrate, type QueryKey } from '@tanstack/react-query'
import type { PersistedClient } from '@tanstack/react-query-persist-client'
import { billingDetailsQueries } from '@/billing/api/get-billing-details'
import { CART_STORAGE_KEY, cartScope } from '@/billing/cart-store'
import { catalogQueries } from '@/billing/api/get-catalog'
import { invoiceQueries } from '@/features/invoices/api/get-invoices'
import { accountQueries } from '@/billing/api/get-account'
import { subscriptionQueries } from '@/billing/api/get-subscription'
import type { Capability, Me, OrderItem } from '@/lib/api/schemas'
import { billingStatusQueries } from '@/lib/availability/billing-status-query'
import { enterCacheScope, scopeOf } from '@/lib/persistence/cache-scope'
import { cacheBuster, serializeCache, shouldPersistQuery } from '@/lib/persistence/persisted-cache'
import { claimSavedCacheScope, writeSavedCache } from '@/lib/persistence/saved-cache-store'
import { capabilityList as capabilities } from '@/lib/availability/availability-store'
import { breakerStorageKey, storedBreaker } from '@/lib/resilience/breaker-storage'
import { sessionQueries } from '@/lib/session/session-queries'
import type { SeededBreakers } from './gallery-states'

const minutes = (count: number) => count * 60_000

/** How old the saved cache of the "stale" state is. */
export const savedCacheAgeMs = minutes(120)

/**
 * Loads the queries the app saves from the simulated backend (healthy at this point, through the
 * app's own query options and request function), and saves them as the app would have on a visit
 * `savedCacheAgeMs` ago. `session` saves only who is signed in.
 */
export async function seedSavedCache(me: Me, what: 'all' | 'session'): Promise<void> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const queries =
    what === 'session'
      ? [sessionQueries.me()]
      : [
          sessionQueries.me(),
          accountQueries.detail(),
          billingStatusQueries.current(),
          catalogQueries.detail(),
          subscriptionQueries.detail(),
          billingDetailsQueries.current(),
        ]
  // Each its own query options object (their data types differ), fetched one after the other.
  for (const options of queries as { queryKey: QueryKey }[]) await client.fetchQuery(options)
  // The invoice list's first page, unfiltered: what a visit to Invoices saves.
  if (what === 'all') await client.fetchInfiniteQuery(invoiceQueries.pages({}))

  const savedAt = Date.now() - savedCacheAgeMs
  const state = dehydrate(client, { shouldDehydrateQuery: shouldPersistQuery })
  const saved: PersistedClient = {
    timestamp: savedAt,
    buster: cacheBuster,
    clientState: {
      ...state,
      queries: state.queries.map((query) => ({ ...query, state: { ...query.state, dataUpdatedAt: savedAt } })),
    },
  }
  client.clear()
  const scope = scopeOf(me.user.id, me.account.id)
  enterCacheScope(scope)
  // Awaited here (enterCacheScope does not wait): the write checks the database's scope.
  await claimSavedCacheScope(scope)
  await writeSavedCache(scope, serializeCache(saved, scope))
}

/**
 * Breakers as another tab (or an earlier visit) left them, in shared-breaker.ts's storage format
 * with cockatiel's own serialised state: open since a few minutes, with its wait either just
 * started (the app stays in maintenance and its probes keep failing) or already over (the first
 * probe goes out at once).
 */
export function seedBreakers(seed: SeededBreakers): void {
  const now = Date.now()
  const since = now - minutes(6)
  const which: readonly Capability[] =
    seed.kind === 'wait-over' || seed.capabilities === 'all' ? capabilities : [seed.capabilities]
  for (const capability of which) {
    const openedAt = seed.kind === 'open' ? now : now - minutes(1)
    localStorage.setItem(
      breakerStorageKey(capability),
      storedBreaker({ openedAt, incidentId: `gallery-${capability}`, since, now }),
    )
  }
}

/** A seat change and an add-on waiting in the signed-in admin's cart, in the cart store's persisted format. */
export function seedCart(me: Me): void {
  const items: OrderItem[] = [
    { type: 'seats', seats: 30 },
    { type: 'addon', addonId: 'addon_sandbox', quantity: 1 },
  ]
  const cart = { items, promoCode: null, pendingOrder: null, lastOrder: null, updatedAt: new Date().toISOString() }
  localStorage.setItem(
    CART_STORAGE_KEY,
    JSON.stringify({ state: { carts: { [cartScope(me.user.id, me.account.id)]: cart } }, version: 1 }),
  )
}
