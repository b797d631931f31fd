/**
 * Change requests on the simulated backend: the vendor's own data, kept beside the billing state
 * but never behind the provider. An approval takes the request in one step (`waiting` →
 * `approving`, under the approving browser's key), so that two tabs or a double click order once;
 * the order the approver then places through the normal checkout is linked to it afterwards. An
 * approval not ordered within APPROVAL_HOLD_MS lapses: the request waits again by itself. A
 * request at renewal is scheduled by the server under the approval that took it (`scheduled`,
 * gateway/billing/request-at-renewal.ts), and a renewal or invoice recipients request applied
 * (`applied`, gateway/billing/request-renewal.ts, request-invoice-recipients.ts), or let go to wait
 * again when that fails.
 */
import type { ChangeRequest, ChangeRequestInput } from '../../src/lib/api/change-request-schemas'
import type { Catalog, Order, Subscription } from '../../src/lib/api/schemas'
import { changeProblem, type ChangeProblem } from '../../src/billing/change-problem'
import { GatewayError, forbidden, notFound } from '../http/errors'
import {
  takeId,
  type DirectoryUser as MockUser,
  type OwnState as MutableState,
  type StoredChangeRequest,
} from './own-state'

/** The newest are kept; a support desk asks a few times a week, not thousands. */
const MAX_REQUESTS = 200

/**
 * How long an approval holds a request without an order, from `decidedAt`. As long as the provider
 * keeps an order's idempotency key (24 h, ORDER_KEY_RETENTION_MS): a checkout that waits out an
 * outage retries under its key for that long, so the approval does not lapse under it in the
 * ordinary case. Short enough that a forgotten approval blocks others for a day at most. An order
 * placed before the lapse but confirmed after it is still linked (see linkChangeRequestOrder).
 */
export const APPROVAL_HOLD_MS = 24 * 60 * 60 * 1000

/**
 * The request as it stands at `now`: an approval held past APPROVAL_HOLD_MS without an order is
 * given up as reopenChangeRequest does (key cleared, nobody decided), and remembered as lapsed.
 * Applied when a request is read or changed, so no timer has to run for it.
 */
function lapseIfDue(stored: StoredChangeRequest, now: Date): StoredChangeRequest {
  const { request } = stored
  if (request.status !== 'approving' || request.decidedAt === null) return stored
  const lapsesAt = Date.parse(request.decidedAt) + APPROVAL_HOLD_MS
  if (now.getTime() < lapsesAt) return stored
  return {
    request: { ...request, status: 'waiting', decidedBy: null, decidedAt: null },
    approvalKey: null,
    lapsed: { decidedBy: request.decidedBy, decidedAt: request.decidedAt, lapsedAt: new Date(lapsesAt).toISOString() },
  }
}

const person = (user: MockUser) => ({ id: user.id, name: user.name })
const requestsOf = (state: MutableState): StoredChangeRequest[] => state.changeRequests ?? []

/** A request stored before requests could be at renewal: one that takes effect now. */
function withTiming(stored: StoredChangeRequest): StoredChangeRequest {
  const { request } = stored
  if ((request as Partial<ChangeRequest>).takesEffect !== undefined) return stored
  return { ...stored, request: { ...request, takesEffect: 'now', effectiveOn: null } }
}

/** The request as it stands at `now`, in today's shape. */
const current = (stored: StoredChangeRequest, now: Date) => lapseIfDue(withTiming(stored), now)

/**
 * A billing admin sees the account's requests; anyone else only their own. Newest first. A read
 * does not write: lapsed approvals are shown waiting, and saved so by the next change.
 */
export function listChangeRequests(state: MutableState, accountId: string, user: MockUser, now: Date): ChangeRequest[] {
  return requestsOf(state)
    .filter((stored) => stored.request.accountId === accountId)
    .filter((stored) => user.role === 'billing_admin' || stored.request.requestedBy.id === user.id)
    .map((stored) => current(stored, now).request)
    .reverse()
}

export function createChangeRequest(
  state: MutableState,
  args: { accountId: string; user: MockUser; input: ChangeRequestInput; now: Date },
): ChangeRequest {
  const { input } = args
  const request: ChangeRequest = {
    id: takeId(state, 'req'),
    accountId: args.accountId,
    requestedBy: person(args.user),
    items: input.items,
    note: input.note === null || input.note === '' ? null : input.note,
    estimate: input.estimate,
    basis: input.basis,
    takesEffect: input.takesEffect ?? 'now',
    effectiveOn: null,
    status: 'waiting',
    createdAt: args.now.toISOString(),
    decidedBy: null,
    decidedAt: null,
    declineReason: null,
    orderId: null,
  }
  state.changeRequests = [...requestsOf(state), { request, approvalKey: null }].slice(-MAX_REQUESTS)
  return request
}

/** One request as it stands at `now`, for a read (nothing is written): what an approval is about to decide. */
export function getChangeRequest(state: MutableState, accountId: string, requestId: string, now: Date): ChangeRequest {
  const stored = requestsOf(state).find((s) => s.request.id === requestId && s.request.accountId === accountId)
  if (!stored) throw notFound('No such change request on this account.')
  return current(stored, now).request
}

/** The request to change, as it stands at `now` (a lapsed approval is saved as lapsed with the change). */
function find(state: MutableState, accountId: string, requestId: string, now: Date): StoredChangeRequest {
  const stored = requestsOf(state).find((s) => s.request.id === requestId && s.request.accountId === accountId)
  if (!stored) throw notFound('No such change request on this account.')
  return Object.assign(stored, current(stored, now))
}

const notWaiting = (request: ChangeRequest) =>
  new GatewayError(
    409,
    'request_not_waiting',
    `This request is ${request.status} already: it can no longer be decided.`,
  )

/** Where the server itself carries out an approval: a request at renewal, for renewal, or for invoice recipients. */
const carriedOut = new Set<ChangeRequest['status']>(['scheduled', 'applied'])

/**
 * Takes a waiting request to order it (or, at renewal, to schedule it; for renewal, to apply it). The same key again (a
 * retry of the same approval) answers it as it is; any other approval of a request that is not
 * waiting is refused. A change that no longer fits (`problemOf`: the subscription, or for invoice
 * recipients the billing details, as they are now) is refused before anything is taken.
 */
export function approveChangeRequest(
  state: MutableState,
  args: {
    accountId: string
    requestId: string
    user: MockUser
    approvalKey: string
    problemOf: (request: ChangeRequest) => ChangeProblem | null
    now: Date
  },
): ChangeRequest {
  const stored = find(state, args.accountId, args.requestId, args.now)
  const taken = stored.request.status === 'approving' || carriedOut.has(stored.request.status)
  if (taken && stored.approvalKey === args.approvalKey) return stored.request
  if (stored.request.status !== 'waiting') throw notWaiting(stored.request)
  const problem = args.problemOf(stored.request)
  if (problem)
    throw new GatewayError(409, 'request_stale', `This change no longer fits the subscription (${problem.code}).`)
  stored.approvalKey = args.approvalKey
  stored.lapsed = null // a new approval: a late order under the lapsed one is no longer linked as the request's
  stored.request = {
    ...stored.request,
    status: 'approving',
    decidedBy: person(args.user),
    decidedAt: args.now.toISOString(),
  }
  return stored.request
}

/**
 * Records the order that carried out an approval; the same order again is a harmless repeat. An
 * approval that lapsed while its order was on its way (placed before the lapse, confirmed after)
 * still gets its order, as long as the request is still waiting: nobody approved, declined or put
 * it back meanwhile. Otherwise a successful order would be answered 409.
 */
export function linkChangeRequestOrder(
  state: MutableState,
  args: { accountId: string; requestId: string; orderId: string; order: Order | undefined; now: Date },
): ChangeRequest {
  const stored = find(state, args.accountId, args.requestId, args.now)
  if (stored.request.status === 'ordered' && stored.request.orderId === args.orderId) return stored.request
  const lapsed = stored.request.status === 'waiting' ? (stored.lapsed ?? null) : null
  if (stored.request.status !== 'approving' && !lapsed) throw notWaiting(stored.request)
  const { order } = args
  if (!order || order.status !== 'completed')
    throw new GatewayError(422, 'order_not_completed', 'No completed order with this id on the account.')
  if (lapsed) {
    // Placed after the approval lapsed: not under it, so as after a put-back it is not linked.
    if (Date.parse(order.createdAt) > Date.parse(lapsed.lapsedAt)) throw notWaiting(stored.request)
    stored.lapsed = null
    stored.request = { ...stored.request, decidedBy: lapsed.decidedBy, decidedAt: lapsed.decidedAt }
  }
  stored.request = { ...stored.request, status: 'ordered', orderId: order.id }
  return stored.request
}

/**
 * A request the server carried out itself, under the approval that took it: at renewal, its change
 * now scheduled at the provider (`scheduled`); for renewal or invoice recipients, the setting
 * changed (`applied`; `effectiveOn` null for recipients, which apply at once). The same again is a
 * harmless repeat.
 */
export function recordCarriedOut(
  state: MutableState,
  args: {
    accountId: string
    requestId: string
    approvalKey: string
    status: 'scheduled' | 'applied'
    effectiveOn: string | null
    now: Date
  },
): ChangeRequest {
  const stored = find(state, args.accountId, args.requestId, args.now)
  if (stored.request.status === args.status && stored.approvalKey === args.approvalKey) return stored.request
  if (stored.request.status !== 'approving' || stored.approvalKey !== args.approvalKey) throw notWaiting(stored.request)
  stored.request = { ...stored.request, status: args.status, effectiveOn: args.effectiveOn }
  return stored.request
}

/**
 * An approval the server could not carry out (at renewal: refused, or the provider failed; for
 * renewal or recipients: refused, or the provider failed): the request waits again. Scheduling,
 * renewal and recipients are full replaces, so approving it again later is safe even if the provider did take it. Only the
 * approval that took it lets it go.
 */
export function releaseApproval(
  state: MutableState,
  args: { accountId: string; requestId: string; approvalKey: string; now: Date },
): ChangeRequest {
  const stored = find(state, args.accountId, args.requestId, args.now)
  if (stored.request.status !== 'approving' || stored.approvalKey !== args.approvalKey) return stored.request
  stored.approvalKey = null
  stored.request = { ...stored.request, status: 'waiting', decidedBy: null, decidedAt: null }
  return stored.request
}

/** A waiting request, or one an approver took but has not ordered yet (the order failed, the change went stale). */
export function declineChangeRequest(
  state: MutableState,
  args: { accountId: string; requestId: string; user: MockUser; reason: string; now: Date },
): ChangeRequest {
  const stored = find(state, args.accountId, args.requestId, args.now)
  if (stored.request.status !== 'waiting' && stored.request.status !== 'approving') throw notWaiting(stored.request)
  stored.approvalKey = null
  stored.lapsed = null
  stored.request = {
    ...stored.request,
    status: 'declined',
    declineReason: args.reason,
    decidedBy: person(args.user),
    decidedAt: args.now.toISOString(),
  }
  return stored.request
}

/**
 * An approval given up before it was ordered (the approver will not order it): the request waits
 * again. One that lapsed already is answered as it is (it waits), and its late order is no longer
 * linked, as after any put-back.
 */
export function reopenChangeRequest(
  state: MutableState,
  args: { accountId: string; requestId: string; now: Date },
): ChangeRequest {
  const stored = find(state, args.accountId, args.requestId, args.now)
  if (stored.request.status === 'waiting' && stored.lapsed) {
    stored.lapsed = null
    return stored.request
  }
  if (stored.request.status !== 'approving') throw notWaiting(stored.request)
  stored.approvalKey = null
  stored.request = { ...stored.request, status: 'waiting', decidedBy: null, decidedAt: null }
  return stored.request
}

export function withdrawChangeRequest(
  state: MutableState,
  args: { accountId: string; requestId: string; user: MockUser; now: Date },
): ChangeRequest {
  const stored = find(state, args.accountId, args.requestId, args.now)
  if (stored.request.requestedBy.id !== args.user.id)
    throw forbidden('Only the admin who asked can withdraw a request.')
  if (stored.request.status !== 'waiting') throw notWaiting(stored.request)
  stored.request = { ...stored.request, status: 'withdrawn', decidedAt: args.now.toISOString() }
  return stored.request
}

type Deps = {
  read: () => MutableState
  mutate: <T>(change: (draft: MutableState) => T) => T
  now: () => Date
  getSubscription: (accountId: string) => Subscription
  /** The order with this id on the account, as the provider holds it (pending, completed or failed). */
  findOrder: (accountId: string, orderId: string) => Order | undefined
  catalog: Catalog
}

/** The db's change-request methods, bound to its state, clock and subscriptions. */
export function changeRequestsOf({ read, mutate, now, getSubscription, findOrder, catalog }: Deps) {
  return {
    list: (accountId: string, user: MockUser) => listChangeRequests(read(), accountId, user, now()),
    create: (accountId: string, user: MockUser, input: ChangeRequestInput) =>
      mutate((draft) => createChangeRequest(draft, { accountId, user, input, now: now() })),
    approve: (accountId: string, requestId: string, user: MockUser, approvalKey: string) =>
      mutate((draft) =>
        approveChangeRequest(draft, {
          accountId,
          requestId,
          user,
          approvalKey,
          problemOf: (request) =>
            changeProblem(request.items, request.basis, getSubscription(accountId), catalog, request.takesEffect),
          now: now(),
        }),
      ),
    linkOrder: (accountId: string, requestId: string, orderId: string) =>
      mutate((draft) =>
        linkChangeRequestOrder(draft, {
          accountId,
          requestId,
          orderId,
          order: findOrder(accountId, orderId),
          now: now(),
        }),
      ),
    decline: (accountId: string, requestId: string, user: MockUser, reason: string) =>
      mutate((draft) => declineChangeRequest(draft, { accountId, requestId, user, reason, now: now() })),
    reopen: (accountId: string, requestId: string) =>
      mutate((draft) => reopenChangeRequest(draft, { accountId, requestId, now: now() })),
    withdraw: (accountId: string, requestId: string, user: MockUser) =>
      mutate((draft) => withdrawChangeRequest(draft, { accountId, requestId, user, now: now() })),
  }
}
