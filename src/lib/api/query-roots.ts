import type { QueryKey } from '@tanstack/react-query'
import { z } from 'zod/mini'
import { changeRequestListSchema } from './change-request-schemas'
import * as s from './schemas'
import type { Capability } from './schemas'

/** A saved copy's schema for every key under the root, or per the key's second part (its kind). */
type SavedAs = 'never' | { whole: z.ZodMiniType } | { byKind: { readonly [kind: string]: z.ZodMiniType } }

type QueryRoot = {
  /**
   * The provider capability the data comes from, or null for the vendor's own API. A recovered
   * capability refetches its queries (use-availability-sync.ts); the vendor's own data goes stale
   * slowly, the provider's quickly (query-client.ts).
   */
  capability: Capability | null
  /** Whether the saved cache keeps it for the next outage, and the schema it must pass on read. */
  saved: SavedAs
}

/** The invoice list's loaded pages for one filter, as TanStack's infinite queries hold them. */
const savedInvoicePagesSchema = z.object({
  pages: z.array(s.invoicePageSchema),
  pageParams: z.array(z.nullable(z.string())),
})

/**
 * Every query key starts with one of these roots. The features' key factories build keys from
 * `rootKey`, and the resilience layer and the saved cache look roots up here: one list, so a new
 * query cannot be refetched on recovery but forgotten by the saved cache, or the reverse.
 */
export const queryRoots = {
  session: { capability: null, saved: { byKind: { me: s.meSchema } } },
  account: { capability: null, saved: { whole: s.accountSchema } },
  'billing-status': { capability: null, saved: { whole: s.billingStatusSchema } },
  catalog: { capability: null, saved: { whole: s.catalogSchema } },
  alerts: { capability: null, saved: 'never' },
  // The vendor's own: a requester's list shows from saved data when even that API is down.
  'change-requests': { capability: null, saved: { byKind: { list: changeRequestListSchema } } },
  subscription: { capability: 'subscription', saved: { whole: s.subscriptionSchema } },
  // Quotes and orders: a cached price must never be charged, an order's state never trusted stale.
  cart: { capability: 'subscription', saved: 'never' },
  // The list's loaded pages per filter (TanStack's infinite-query data), and single invoices.
  invoices: { capability: 'invoices', saved: { byKind: { pages: savedInvoicePagesSchema, detail: s.invoiceSchema } } },
  // Payment data is never written to the browser's storage.
  'payment-method': { capability: 'payments', saved: 'never' },
  'billing-details': { capability: 'billingDetails', saved: { whole: s.billingDetailsSchema } },
} as const satisfies Record<string, QueryRoot>

export type QueryRootName = keyof typeof queryRoots

/** The first part of a key: `[...rootKey('invoices'), 'list']`. */
export const rootKey = <Name extends QueryRootName>(name: Name) => [name] as const

function rootOf(queryKey: QueryKey): QueryRoot | null {
  const name = queryKey[0]
  return typeof name === 'string' && Object.hasOwn(queryRoots, name) ? queryRoots[name as QueryRootName] : null
}

/** The provider capability a query reads; null for the vendor's own data and unknown keys. */
export function capabilityOfQuery(queryKey: QueryKey): Capability | null {
  return rootOf(queryKey)?.capability ?? null
}

/** The schema a saved copy of this query must pass, or null when it is never saved. */
export function savedSchemaOfQuery(queryKey: QueryKey): z.ZodMiniType | null {
  const saved = rootOf(queryKey)?.saved
  if (saved === undefined || saved === 'never') return null
  if ('whole' in saved) return saved.whole
  const kind = queryKey[1]
  return typeof kind === 'string' && Object.hasOwn(saved.byKind, kind) ? saved.byKind[kind]! : null
}
