/**
 * The gateway's own index of an account's invoices. Zuora's object query can neither count nor
 * search text (only a prefix, AND-ed filters, 99 rows a page), while the contract pages by any
 * filter with a total and a text search over 10,000 invoices. So the gateway keeps each account's
 * invoice summaries (a few hundred bytes each), built once by paging through Zuora and then kept
 * up to date by asking only for invoices changed since the last sync; filters, totals, the text
 * search and our cursor run on it (invoice-pages.ts). The index is also the list's copy during an
 * outage, with the time of its last sync.
 */
import { z } from 'zod'
import type { InvoiceSummary } from '../../src/lib/api/schemas'
import type { GatewayDeps } from '../context'
import type { DirectoryAccount } from '../identity/directory'
import { callOperation, type OperationContext } from '../zuora/adapter/operation'
import { invoiceStatus } from '../zuora/adapter/invoice-map'
import { toMinor } from '../zuora/money'
import type { ObjectQueryInvoice } from '../zuora/spec'
import { ZuoraCallError } from '../zuora/errors'
import { providerError, withProvider, type ProviderScope } from './provider-call'

/** An index synced this recently answers without asking Zuora. */
export const INDEX_FRESH_MS = 30_000
/** Changes are asked for from a little before the last sync: Zuora's clock and ours may differ. */
const SYNC_OVERLAP_MS = 5 * 60_000
const PAGE_SIZE = 99
/** 10,000 invoices are 102 pages; past this the account is not indexed whole (said, not hidden). */
const MAX_PAGES = 200

const entrySchema = z.tuple([
  z.string(), // id
  z.string(), // number
  z.string(), // invoice date
  z.string(), // due date
  z.string(), // Zuora status
  z.number(), // amount (minor)
  z.number(), // balance (minor)
  z.string(), // description
])
type Entry = z.infer<typeof entrySchema>
const indexSchema = z.object({
  syncedAt: z.number(),
  currency: z.string(),
  zuoraAccountId: z.string(),
  entries: z.array(entrySchema),
})
type StoredIndex = z.infer<typeof indexSchema>

const keyOf = (accountId: string) => `invoice-index:${accountId}`
const changedKey = (accountId: string) => `invoice-index-changed:${accountId}`

/**
 * An order made an invoice: the next list asks Zuora for the changes rather than answering from an
 * index synced moments before (the app lists invoices again right after an order).
 */
export async function invoicesChanged(deps: GatewayDeps, accountId: string): Promise<void> {
  await deps.store.set(changedKey(accountId), '1', { ttlMs: INDEX_FRESH_MS }).catch(() => undefined)
}

/**
 * A payment left an invoice with this balance: the index says so at once (the next list answers
 * from it), and the next list asks Zuora for the changes all the same.
 */
export async function invoicePaid(
  deps: GatewayDeps,
  accountId: string,
  invoiceId: string,
  balanceMinor: number,
): Promise<void> {
  const known = await readIndex(deps, accountId)
  if (known) {
    const entries = known.entries.map((entry): Entry => {
      if (entry[0] !== invoiceId) return entry
      const [id, number, issuedAt, dueAt, status, amountMinor, , description] = entry
      return [id, number, issuedAt, dueAt, status, amountMinor, balanceMinor, description]
    })
    await deps.store.set(keyOf(accountId), JSON.stringify({ ...known, entries })).catch(() => undefined)
  }
  await invoicesChanged(deps, accountId)
}

function entryOf(invoice: ObjectQueryInvoice): Entry {
  const comments = typeof invoice.comments === 'string' ? invoice.comments.trim() : ''
  return [
    invoice.id,
    invoice.invoiceNumber,
    invoice.invoiceDate,
    invoice.dueDate ?? invoice.invoiceDate,
    invoice.status,
    toMinor(invoice.amount, invoice.currency),
    toMinor(invoice.balance, invoice.currency),
    (comments || `Invoice ${invoice.invoiceNumber}`).slice(0, 2_000),
  ]
}

/** Newest first, the id breaking ties, as the contract pages them. */
const newestFirst = (a: Entry, b: Entry) => (a[2] === b[2] ? (a[0] < b[0] ? 1 : -1) : a[2] < b[2] ? 1 : -1)

export function summariesOf(index: StoredIndex, today: string): InvoiceSummary[] {
  const currency = index.currency as InvoiceSummary['total']['currency']
  return index.entries.map(([id, number, issuedAt, dueAt, status, amountMinor, balanceMinor, description]) => ({
    id,
    number,
    issuedAt,
    dueAt,
    status: invoiceStatus(
      { status, balance: balanceMinor, dueDate: dueAt, invoiceDate: issuedAt } as ObjectQueryInvoice,
      today,
    ),
    total: { amountMinor, currency },
    description,
    amountDue: { amountMinor: balanceMinor, currency },
  }))
}

/** The account's Zuora id (object queries filter by it, not by the account number); it never changes. */
export async function zuoraAccountIdOf(deps: GatewayDeps, context: OperationContext, account: DirectoryAccount) {
  const cacheKey = `zuora-account-id:${account.zuoraAccountNumber}`
  const cached = await deps.store.get(cacheKey)
  if (cached) return cached
  const answer = await callOperation(context, 'getAccount', {
    capability: 'invoices',
    params: { 'account-key': account.zuoraAccountNumber },
  })
  await deps.store.set(cacheKey, answer.basicInfo.id)
  return answer.basicInfo.id
}

async function fetchPages(context: OperationContext, filters: string[]): Promise<ObjectQueryInvoice[]> {
  const rows: ObjectQueryInvoice[] = []
  let cursor: string | null = null
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query: Array<[string, string]> = [
      ...filters.map((filter): [string, string] => ['filter[]', filter]),
      ['sort[]', 'invoicedate.DESC'],
      ['pageSize', String(PAGE_SIZE)],
    ]
    if (cursor) query.push(['cursor', cursor])
    const answer = await callOperation(context, 'queryInvoices', { capability: 'invoices', query })
    rows.push(...answer.data)
    cursor = answer.nextPage ?? null
    if (!cursor) return rows
  }
  return rows
}

export async function readIndex(deps: GatewayDeps, accountId: string): Promise<StoredIndex | null> {
  const raw = await deps.store.get(keyOf(accountId)).catch(() => null)
  if (raw === null) return null
  const parsed = indexSchema.safeParse(JSON.parse(raw))
  return parsed.success ? parsed.data : null
}

/** The index brought up to date from Zuora (whole the first time, the changes after). */
export async function syncIndex(
  deps: GatewayDeps,
  context: OperationContext,
  account: DirectoryAccount,
): Promise<StoredIndex> {
  const now = deps.clock.now()
  const known = await readIndex(deps, account.id)
  const changed = (await deps.store.get(changedKey(account.id)).catch(() => null)) !== null
  if (known && now - known.syncedAt < INDEX_FRESH_MS && !changed) return known
  // Cleared before asking: an invoice made while this sync runs marks the index again.
  if (changed) await deps.store.delete(changedKey(account.id)).catch(() => undefined)
  const zuoraAccountId = known?.zuoraAccountId ?? (await zuoraAccountIdOf(deps, context, account))
  const filters = [`accountId.EQ:${zuoraAccountId}`]
  if (known) filters.push(`updatedDate.GE:${new Date(known.syncedAt - SYNC_OVERLAP_MS).toISOString()}`)
  const rows = await fetchPages(context, filters)
  const byId = new Map((known?.entries ?? []).map((entry) => [entry[0], entry]))
  for (const row of rows) byId.set(row.id, entryOf(row))
  const index: StoredIndex = {
    syncedAt: now,
    currency: rows[0]?.currency ?? known?.currency ?? deps.catalog.catalog.currency,
    zuoraAccountId,
    entries: [...byId.values()].sort(newestFirst),
  }
  await deps.store.set(keyOf(account.id), JSON.stringify(index)).catch(() => undefined)
  return index
}

/**
 * The index for a read of the list (a page, the CSV export): brought up to date from Zuora, or,
 * when Zuora does not answer usably (down, slow, the breaker open), as last synced, with that time
 * (`copyAsOf`, for the copy's header). Another failure, or no index yet, is the read's failure.
 */
export async function indexForRead(
  deps: GatewayDeps,
  account: DirectoryAccount,
  scope: ProviderScope,
): Promise<{ index: StoredIndex; copyAsOf: number | null }> {
  try {
    const index = await withProvider(deps, 'invoices', { ...scope, timeoutMs: deps.timeouts.readMs }, (context) =>
      syncIndex(deps, context, account),
    )
    return { index, copyAsOf: null }
  } catch (error) {
    const known = error instanceof ZuoraCallError ? await readIndex(deps, account.id) : null
    const failure = providerError(error)
    if (!known || failure.status < 500) throw failure
    deps.log({
      event: 'stale_copy_served',
      requestId: scope.requestId,
      capability: 'invoices',
      resource: 'invoice-index',
    })
    return { index: known, copyAsOf: known.syncedAt }
  }
}
