import { http } from 'msw'
import {
  approveChangeRequestInputSchema,
  changeRequestInputSchema,
  declineChangeRequestInputSchema,
  linkChangeRequestOrderInputSchema,
} from '../../src/lib/api/change-request-schemas'
import { forbidden } from '../../gateway/http/errors'
import { db } from '../db'
import { api, json, param, readBody, refuseDuringMaintenance, requireBillingAdmin, requireSession, route } from './http'

/** Asking is for the account's admins; operators run billing for every account and ask nobody. */
function requireAccountAdmin() {
  const signedIn = requireSession()
  if (signedIn.user.role === 'operator') throw forbidden('Operators do not ask for billing changes.')
  return signedIn
}

const onlyBillingAdmins = 'Only a billing admin can approve or decline a change request.'

function requireDecider() {
  try {
    return requireBillingAdmin()
  } catch {
    // Same 401 when signed out; a clearer 403 for the wrong role.
    requireSession()
    throw forbidden(onlyBillingAdmins)
  }
}

/**
 * The vendor's own API: none of it goes to the provider, so every endpoint answers in a provider
 * outage. Approving is refused during operators' maintenance, since the approver orders next.
 */
export const changeRequestHandlers = [
  http.get(
    api('/change-requests'),
    route(() => {
      const { user, accountId } = requireSession()
      return json({ requests: db.changeRequests.list(accountId, user) })
    }),
  ),

  http.post(
    api('/change-requests'),
    route(async ({ request }) => {
      const { user, accountId } = requireAccountAdmin()
      const input = await readBody(request, changeRequestInputSchema)
      return json(db.changeRequests.create(accountId, user, input), 201)
    }),
  ),

  http.post(
    api('/change-requests/:requestId/approve'),
    route(async (info) => {
      const { user, accountId } = requireDecider()
      refuseDuringMaintenance()
      const { approvalKey } = await readBody(info.request, approveChangeRequestInputSchema)
      return json(db.changeRequests.approve(accountId, param(info, 'requestId'), user, approvalKey))
    }),
  ),

  http.post(
    api('/change-requests/:requestId/order'),
    route(async (info) => {
      const { accountId } = requireDecider()
      const { orderId } = await readBody(info.request, linkChangeRequestOrderInputSchema)
      return json(db.changeRequests.linkOrder(accountId, param(info, 'requestId'), orderId))
    }),
  ),

  http.post(
    api('/change-requests/:requestId/decline'),
    route(async (info) => {
      const { user, accountId } = requireDecider()
      const { reason } = await readBody(info.request, declineChangeRequestInputSchema)
      return json(db.changeRequests.decline(accountId, param(info, 'requestId'), user, reason))
    }),
  ),

  http.post(
    api('/change-requests/:requestId/reopen'),
    route((info) => {
      const { accountId } = requireDecider()
      return json(db.changeRequests.reopen(accountId, param(info, 'requestId')))
    }),
  ),

  http.post(
    api('/change-requests/:requestId/withdraw'),
    route((info) => {
      const { user, accountId } = requireAccountAdmin()
      return json(db.changeRequests.withdraw(accountId, param(info, 'requestId'), user))
    }),
  ),
]
