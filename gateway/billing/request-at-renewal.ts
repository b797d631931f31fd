/**
 * Approving a change request at renewal (fewer seats, a smaller plan, asked by an admin without
 * billing rights): what a billing admin would do themselves. The approval that took the request
 * (own/change-requests.ts, `waiting` → `approving` under its key) schedules the change from the end
 * of the term exactly as PUT /subscription/scheduled-change does (next-term.ts), then records it on
 * the request (`scheduled`, from when). Nothing is charged, and no cart or checkout is involved.
 */
import type { ChangeRequest } from '../../src/lib/api/change-request-schemas'
import type { ScheduledChangeInput, Subscription } from '../../src/lib/api/schemas'
import type { GatewayDeps } from '../context'
import { GatewayError } from '../http/errors'
import type { DirectoryAccount } from '../identity/directory'
import { recordCarriedOut, releaseApproval } from '../own/change-requests'
import { replaceNextTerm } from './next-term'

/** Refusals of the schedule that mean the request no longer fits the subscription. */
const staleCodes = new Set(['not_a_decrease', 'seats_below_in_use', 'renewal_off', 'validation_failed'])

/**
 * The request's seats and plan over what is scheduled now: a request for fewer seats keeps a
 * smaller plan scheduled before, and the other way, as the billing admin's own schedule does.
 */
function nextTermOf(request: ChangeRequest, scheduled: Subscription['scheduledChange']): ScheduledChangeInput {
  let seats = scheduled?.seats ?? null
  let planId = scheduled?.plan?.id ?? null
  for (const item of request.items) {
    if (item.type === 'seats') seats = item.seats
    if (item.type === 'plan') planId = item.planId
  }
  return { seats, planId }
}

export async function scheduleApprovedRequest(
  deps: GatewayDeps,
  account: DirectoryAccount,
  taken: ChangeRequest,
  args: { approvalKey: string; requestId: string; subscription: Subscription },
): Promise<ChangeRequest> {
  const now = () => new Date(deps.clock.now())
  const which = { accountId: account.id, requestId: taken.id, approvalKey: args.approvalKey }
  let subscription: Subscription
  try {
    subscription = await replaceNextTerm(deps, account, nextTermOf(taken, args.subscription.scheduledChange), {
      requestId: args.requestId,
      changeRequestId: taken.id,
    })
  } catch (error) {
    // A full replace: approving again later is safe even if the provider took this one.
    await deps.own.mutate((d) => releaseApproval(d, { ...which, now: now() }))
    if (error instanceof GatewayError && staleCodes.has(error.code))
      throw new GatewayError(409, 'request_stale', `This change no longer fits the subscription: ${error.message}`)
    throw error
  }
  const effectiveOn = subscription.scheduledChange?.effectiveOn ?? subscription.renewsAt
  return deps.own.mutate((d) => recordCarriedOut(d, { ...which, status: 'scheduled', effectiveOn, now: now() }))
}
