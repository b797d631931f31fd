/**
 * Change requests: the vendor's own data, answered through a Zuora outage (an admin without
 * billing rights asks, a billing admin decides). Approving reads the subscription at Zuora to
 * refuse a change that no longer fits, so it pauses with Zuora, as any edit does; approving a
 * request at renewal also schedules its change there (billing/request-at-renewal.ts), approving a
 * renewal request turns renewal off or on there (billing/request-renewal.ts), and approving a
 * request for invoice recipients reads and replaces the billing details instead of reading the
 * subscription (billing/request-invoice-recipients.ts).
 */
import {
  approveChangeRequestInputSchema,
  changeRequestInputSchema,
  declineChangeRequestInputSchema,
  linkChangeRequestOrderInputSchema,
} from '../../src/lib/api/change-request-schemas'
import { changeProblem } from '../../src/billing/change-problem'
import { recipientsAskedIn, renewalAskedIn } from '../../src/billing/change-items'
import { orderById } from '../billing/order-lookup'
import { providerError, withProvider } from '../billing/provider-call'
import { scheduleApprovedRequest } from '../billing/request-at-renewal'
import { approveRecipientsRequest } from '../billing/request-invoice-recipients'
import { applyApprovedRenewal } from '../billing/request-renewal'
import { contractSubscription, fetchZuoraSubscription } from '../billing/subscription-reads'
import { publicCatalog } from '../config/billing-catalog'
import { isoDay, ownApiAvailable, refuseDuringMaintenance, requireSession, type GatewayDeps } from '../context'
import { forbidden } from '../http/errors'
import { json, readBody } from '../http/respond'
import {
  approveChangeRequest,
  createChangeRequest,
  declineChangeRequest,
  getChangeRequest,
  linkChangeRequestOrder,
  listChangeRequests,
  reopenChangeRequest,
  withdrawChangeRequest,
} from '../own/change-requests'
import type { RouteModule } from './types'

const onlyBillingAdmins = 'Only a billing admin can approve or decline a change request.'

async function requireDecider(deps: GatewayDeps, request: Request) {
  const who = await requireSession(deps, request)
  if (who.user.role !== 'billing_admin') throw forbidden(onlyBillingAdmins)
  return who
}

export const changeRequestRoutes: RouteModule = (app, deps) => {
  const now = () => new Date(deps.clock.now())

  app.get('/change-requests', async (c) => {
    ownApiAvailable(deps)
    const { user, account } = await requireSession(deps, c.req.raw)
    return json({ requests: listChangeRequests(await deps.own.read(), account.id, user, now()) })
  })

  app.post('/change-requests', async (c) => {
    ownApiAvailable(deps)
    const { user, account } = await requireSession(deps, c.req.raw)
    if (user.role === 'operator') throw forbidden('Operators do not ask for billing changes.')
    const input = await readBody(c.req.raw, changeRequestInputSchema)
    return json(
      await deps.own.mutate((d) => createChangeRequest(d, { accountId: account.id, user, input, now: now() })),
      201,
    )
  })

  app.post('/change-requests/:requestId/approve', async (c) => {
    ownApiAvailable(deps)
    const { user, account } = await requireDecider(deps, c.req.raw)
    await refuseDuringMaintenance(deps)
    const { approvalKey } = await readBody(c.req.raw, approveChangeRequestInputSchema)
    const changeRequestId = c.req.param('requestId')
    // Who receives invoices is the billing details', not the subscription's: read and replaced there.
    if (recipientsAskedIn(getChangeRequest(await deps.own.read(), account.id, changeRequestId, now()).items))
      return json(
        await approveRecipientsRequest(
          deps,
          { user, account },
          { changeRequestId, approvalKey, requestId: c.get('requestId') },
        ),
      )
    const scope = { requestId: c.get('requestId'), timeoutMs: deps.timeouts.readMs }
    let subscription
    try {
      subscription = await withProvider(deps, 'subscription', scope, async (context) =>
        contractSubscription(
          await fetchZuoraSubscription(context, account, deps.catalog, isoDay(deps.clock.now())),
          account,
          deps.catalog,
          isoDay(deps.clock.now()),
        ),
      )
    } catch (error) {
      throw providerError(error)
    }
    const catalog = publicCatalog(deps.catalog.catalog)
    const taken = await deps.own.mutate((d) =>
      approveChangeRequest(d, {
        accountId: account.id,
        requestId: changeRequestId,
        user,
        approvalKey,
        problemOf: (request) => changeProblem(request.items, request.basis, subscription, catalog, request.takesEffect),
        now: now(),
      }),
    )
    // Now: the approver orders it through the checkout. At renewal, or for renewal: done here, under this approval.
    if (taken.status !== 'approving') return json(taken)
    const renewal = renewalAskedIn(taken.items)
    if (renewal)
      return json(
        await applyApprovedRenewal(deps, account, taken, renewal, { approvalKey, requestId: c.get('requestId') }),
      )
    if (taken.takesEffect !== 'renewal') return json(taken)
    return json(
      await scheduleApprovedRequest(deps, account, taken, { approvalKey, requestId: c.get('requestId'), subscription }),
    )
  })

  app.post('/change-requests/:requestId/order', async (c) => {
    ownApiAvailable(deps)
    const { account } = await requireDecider(deps, c.req.raw)
    const { orderId } = await readBody(c.req.raw, linkChangeRequestOrderInputSchema)
    const order = await orderById(deps, account.id, orderId)
    return json(
      await deps.own.mutate((d) =>
        linkChangeRequestOrder(d, {
          accountId: account.id,
          requestId: c.req.param('requestId'),
          orderId,
          order,
          now: now(),
        }),
      ),
    )
  })

  app.post('/change-requests/:requestId/decline', async (c) => {
    ownApiAvailable(deps)
    const { user, account } = await requireDecider(deps, c.req.raw)
    const { reason } = await readBody(c.req.raw, declineChangeRequestInputSchema)
    return json(
      await deps.own.mutate((d) =>
        declineChangeRequest(d, {
          accountId: account.id,
          requestId: c.req.param('requestId'),
          user,
          reason,
          now: now(),
        }),
      ),
    )
  })

  app.post('/change-requests/:requestId/reopen', async (c) => {
    ownApiAvailable(deps)
    const { account } = await requireDecider(deps, c.req.raw)
    return json(
      await deps.own.mutate((d) =>
        reopenChangeRequest(d, { accountId: account.id, requestId: c.req.param('requestId'), now: now() }),
      ),
    )
  })

  app.post('/change-requests/:requestId/withdraw', async (c) => {
    ownApiAvailable(deps)
    const { user, account } = await requireSession(deps, c.req.raw)
    if (user.role === 'operator') throw forbidden('Operators do not ask for billing changes.')
    return json(
      await deps.own.mutate((d) =>
        withdrawChangeRequest(d, { accountId: account.id, requestId: c.req.param('requestId'), user, now: now() }),
      ),
    )
  })
}
