/**
 * Approving a change request for renewal (off or back on, asked by an admin without billing
 * rights): what a billing admin would do themselves. The approval that took the request
 * (own/change-requests.ts, `waiting` → `approving` under its key, refused as stale when renewal
 * already is as asked) sets renewal exactly as PUT /subscription/renewal does (renewal.ts), then
 * records it on the request (`applied`, with the end of the term it applies to). Nothing is
 * ordered through the checkout or charged, and no cart is involved.
 */
import type { ChangeRequest, RenewalItem } from '../../src/lib/api/change-request-schemas'
import type { Subscription } from '../../src/lib/api/schemas'
import type { GatewayDeps } from '../context'
import { GatewayError } from '../http/errors'
import type { DirectoryAccount } from '../identity/directory'
import { recordCarriedOut, releaseApproval } from '../own/change-requests'
import { setRenewal } from './renewal'

export async function applyApprovedRenewal(
  deps: GatewayDeps,
  account: DirectoryAccount,
  taken: ChangeRequest,
  renewal: RenewalItem,
  args: { approvalKey: string; requestId: string },
): Promise<ChangeRequest> {
  const now = () => new Date(deps.clock.now())
  const which = { accountId: account.id, requestId: taken.id, approvalKey: args.approvalKey }
  let subscription: Subscription
  try {
    subscription = await setRenewal(deps, account, renewal.autoRenew, {
      requestId: args.requestId,
      changeRequestId: taken.id,
    })
  } catch (error) {
    // A full replace: approving again later is safe even if the provider took this one.
    await deps.own.mutate((d) => releaseApproval(d, { ...which, now: now() }))
    // Zuora refused the terms (the term has ended): the request no longer fits, like any stale one.
    if (error instanceof GatewayError && error.code === 'provider_rejected')
      throw new GatewayError(409, 'request_stale', `This change no longer fits the subscription: ${error.message}`)
    throw error
  }
  return deps.own.mutate((d) =>
    recordCarriedOut(d, { ...which, status: 'applied', effectiveOn: subscription.renewsAt, now: now() }),
  )
}
