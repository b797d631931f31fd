/**
 * Fewer seats and a smaller plan from the next term: scheduled, not charged. One order at Zuora
 * whose action is dated at the current term's end (its three trigger dates), so today's segment
 * stays as it is and a segment (or the smaller plan's rate plan) starts then. A full replace of
 * what the next term starts with, like renewal: the subscription is read first and the order sent
 * only when that differs, so a repeat (the app's retry, a second tab, an approval tried again)
 * sends nothing twice and needs no Idempotency-Key. Withdrawing puts today's plan and seats back
 * for the next term, the same way and at the same date.
 *
 * Shared by PUT/DELETE /subscription/scheduled-change (a billing admin's own schedule) and the
 * approval of a change request at renewal (routes/change-requests.ts).
 */
import type { ScheduledChangeInput, Subscription } from '../../src/lib/api/schemas'
import type { CatalogPlan } from '../config/billing-catalog'
import { isoDay, type GatewayDeps } from '../context'
import { GatewayError, validationFailed } from '../http/errors'
import type { DirectoryAccount } from '../identity/directory'
import { staleResources } from '../stores/stale-copy'
import { callOperation } from '../zuora/adapter/operation'
import { nextTermChange } from '../zuora/adapter/order-actions'
import { nextTerm } from '../zuora/adapter/subscription-map'
import { providerError, withProvider } from './provider-call'
import { contractSubscription, fetchZuoraSubscription } from './subscription-reads'

/** Today's plan and seats, as the subscription is read (the plan whose seats are in effect today). */
type Today = { plan: CatalogPlan; seats: number }

/** What the next term should start with, checked against today: only ever less. */
function wantedFrom(input: ScheduledChangeInput, today: Today, seatsInUse: number, deps: GatewayDeps): Today {
  let plan = today.plan
  if (input.planId !== null) {
    const found = deps.catalog.plan(input.planId)
    if (!found) throw validationFailed({ planId: 'Unknown plan' })
    if (found.id !== today.plan.id && found.seatPrice.amountMinor >= today.plan.seatPrice.amountMinor)
      throw new GatewayError(
        422,
        'not_a_decrease',
        `${found.name} does not cost less than ${today.plan.name}: change to it now, through a quote and an order.`,
      )
    plan = found
  }
  const seats = input.seats ?? today.seats
  if (seats < Math.max(1, seatsInUse))
    throw new GatewayError(
      422,
      'seats_below_in_use',
      `${seatsInUse} seats are in use: the next term cannot start with fewer.`,
      { fields: { seats: `At least ${Math.max(1, seatsInUse)}` } },
    )
  if (seats > today.seats)
    throw new GatewayError(
      422,
      'not_a_decrease',
      'More seats than bought are added now, through a quote and an order, not at the next term.',
    )
  if (plan.id === today.plan.id && seats === today.seats)
    throw new GatewayError(
      422,
      'not_a_decrease',
      'That is what the subscription has today: withdraw the scheduled change instead.',
    )
  return { plan, seats }
}

/**
 * Reads, orders when the next term differs from what is wanted (`input`, or today's values to
 * withdraw when it is null), reads again; keeps the gateway's copy fresh. Answers the subscription
 * as GET /subscription does. `changeRequestId`: the approved request this carries out, for the log.
 */
export async function replaceNextTerm(
  deps: GatewayDeps,
  account: DirectoryAccount,
  input: ScheduledChangeInput | null,
  scope: { requestId: string; changeRequestId?: string },
): Promise<Subscription> {
  const { requestId } = scope
  const today = isoDay(deps.clock.now())
  try {
    const subscription = await withProvider(
      deps,
      'subscription',
      { requestId, timeoutMs: deps.timeouts.writeMs },
      async (context) => {
        const read = { ...context, timeoutMs: deps.timeouts.readMs }
        let zuora = await fetchZuoraSubscription(read, account, deps.catalog, today)
        const current = contractSubscription(zuora, account, deps.catalog, today)
        const plan = deps.catalog.plan(current.plan.id)
        const next = nextTerm(zuora, deps.catalog)
        if (!plan || !next)
          throw new GatewayError(502, 'provider_data', `Subscription ${zuora.subscriptionNumber} has no known plan.`)
        const now = { plan, seats: current.seats.purchased }
        const wanted = input === null ? now : wantedFrom(input, now, account.agentsInUse, deps)
        const termEnd = zuora.termEndDate
        if (input !== null && (termEnd === null || !zuora.autoRenew))
          throw new GatewayError(
            409,
            'renewal_off',
            `The subscription does not renew on ${current.renewsAt}: turn renewal back on to schedule a change.`,
          )
        const action = termEnd === null ? null : nextTermChange(next, wanted, termEnd)
        if (action) {
          const created = await callOperation(context, 'createOrder', {
            capability: 'subscription',
            body: {
              existingAccountNumber: account.zuoraAccountNumber,
              orderDate: today,
              subscriptions: [{ subscriptionNumber: zuora.subscriptionNumber, orderActions: [action] }],
            },
          })
          deps.log({
            event: input === null ? 'scheduled_change_withdrawn' : 'change_scheduled',
            requestId,
            accountId: account.id,
            ...(scope.changeRequestId === undefined ? {} : { changeRequestId: scope.changeRequestId }),
            planId: wanted.plan.id,
            seats: wanted.seats,
            effectiveOn: termEnd,
            orderNumber: created.orderNumber,
          })
          zuora = await fetchZuoraSubscription(read, account, deps.catalog, today)
        }
        return contractSubscription(zuora, account, deps.catalog, today)
      },
    )
    await deps.staleCopy.put(account.id, staleResources.subscription, JSON.stringify(subscription), deps.clock.now())
    return subscription
  } catch (error) {
    throw providerError(error)
  }
}
