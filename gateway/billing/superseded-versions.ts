/**
 * Versions of an account's subscription that the gateway's own orders replaced. The incident's
 * cache layer answered some reads from a snapshot taken before the last change, so for a while
 * after an order a read may show the subscription as it was: priced, that read makes a wrong
 * quote; compared with a good quote, it refuses it as "expired". A version in this list is known
 * to be old, so such a read is a stale one and is read again, never believed.
 *
 * A version is a hash of the rate plans' charges and segments (subscription-reads.ts): an order
 * adds a segment, so a later subscription never hashes to an earlier one, even with the same seats.
 * Kept in the gateway's store, shared by a fleet; a store that fails only costs the hint.
 */
import type { GatewayDeps } from '../context'

/** Long past any cache's snapshot (the incident's lasted seconds); a few orders' worth. */
const KEPT_MS = 60 * 60_000
const KEPT_VERSIONS = 20

const storeKey = (accountId: string) => `superseded-versions:${accountId}`

async function readList(deps: GatewayDeps, accountId: string): Promise<string[]> {
  const raw = await deps.store.get(storeKey(accountId))
  if (raw === null) return []
  const parsed: unknown = JSON.parse(raw)
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : []
}

/** After an order completed on `version`: that version is history. */
export async function rememberSuperseded(deps: GatewayDeps, accountId: string, version: string): Promise<void> {
  try {
    const kept = (await readList(deps, accountId)).filter((v) => v !== version)
    const next = [...kept, version].slice(-KEPT_VERSIONS)
    await deps.store.set(storeKey(accountId), JSON.stringify(next), { ttlMs: KEPT_MS })
  } catch (error) {
    deps.log({ event: 'superseded_version_not_kept', accountId, error: String(error) })
  }
}

/** Whether a read that shows `version` is from before one of the gateway's own orders. */
export async function isSuperseded(deps: GatewayDeps, accountId: string, version: string): Promise<boolean> {
  try {
    return (await readList(deps, accountId)).includes(version)
  } catch {
    return false
  }
}
