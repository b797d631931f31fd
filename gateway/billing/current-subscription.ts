/**
 * The subscription a quote prices and an order changes: Zuora's answer, read again when it failed
 * at once (read-again.ts) and when it is known to be stale (superseded-versions.ts). Through the
 * incident's cache layer half the reads in the seconds after an order came from the snapshot before
 * it: 27 of 48 failed checkouts were good quotes refused as "expired" on such a read
 * (docs/performance.md, "Checkouts on the gateway").
 */
import type { GatewayDeps } from '../context'
import { GatewayError } from '../http/errors'
import type { DirectoryAccount } from '../identity/directory'
import type { OperationContext } from '../zuora/adapter/operation'
import type { Subscription as ZuoraSubscription } from '../zuora/spec'
import { READ_AGAIN_DEFAULTS, readAgainOnFailure } from './read-again'
import { fetchZuoraSubscription, subscriptionVersion } from './subscription-reads'
import { isSuperseded } from './superseded-versions'

/** Reads after the first when each one shows a version the gateway's own order replaced. */
const STALE_REREADS = 3
/** Reads after the first when the version differs from the quote's for a reason not known. */
const MISMATCH_REREADS = 1

export type CurrentSubscription = { zuora: ZuoraSubscription; version: string }

const staleOnly = () =>
  new GatewayError(
    503,
    'provider_unavailable',
    'The billing provider keeps answering with the subscription as it was before the last change. Try again shortly.',
    { headers: { 'Retry-After': '2' } },
  )

/**
 * `expected`: the version a quote priced (an order's read); a read that shows another version is
 * read again once, as a stale snapshot may show any older version. `budgetMs`: no read starts after
 * this long, so the write's own time-out holds.
 */
export async function readCurrentSubscription(
  deps: GatewayDeps,
  context: OperationContext,
  args: { account: DirectoryAccount; today: string; expected?: string; budgetMs: number },
): Promise<CurrentSubscription> {
  const { account, today, expected, budgetMs } = args
  const now = () => deps.clock.now()
  const startedAt = now()
  const readOnce = () =>
    readAgainOnFailure(context, { ...READ_AGAIN_DEFAULTS, budgetMs: budgetMs - (now() - startedAt), now }, (ctx) =>
      fetchZuoraSubscription(ctx, account, deps.catalog, today),
    )
  let staleReads = 0
  let mismatches = 0
  for (;;) {
    const zuora = await readOnce()
    const version = await subscriptionVersion(zuora)
    if (version === expected) return { zuora, version }
    const withinBudget = now() - startedAt < budgetMs
    if (await isSuperseded(deps, account.id, version)) {
      deps.log({ event: 'stale_subscription_read', accountId: account.id, trackId: context.trackId })
      if (staleReads++ < STALE_REREADS && withinBudget) continue
      throw staleOnly()
    }
    if (expected !== undefined && mismatches++ < MISMATCH_REREADS && withinBudget) continue
    return { zuora, version }
  }
}
