/**
 * The writes on change requests. Each throws on failure (an ApiError), so a failure never counts
 * as a success; the caller shows it in the admin's words. Each is sent for the account of the
 * request (or of the draft) it acts on, never for whichever account the tab shows by the time it
 * goes out (src/lib/api/request.ts, `account`).
 */
import { endpoints } from '@/lib/api/contract'
import { changeRequestInputSchema, type ChangeRequest, type ChangeRequestInput } from '@/lib/api/change-request-schemas'
import { callApi } from '@/lib/api/request'

export function createChangeRequest(input: ChangeRequestInput, account: string): Promise<ChangeRequest> {
  return callApi(endpoints.createChangeRequest, { body: changeRequestInputSchema.parse(input), account })
}

/** Takes the request to order it; a second approval (another key) is refused with 409. */
export function approveChangeRequest(request: ChangeRequest, approvalKey: string): Promise<ChangeRequest> {
  return callApi(endpoints.approveChangeRequest, {
    params: { requestId: request.id },
    body: { approvalKey },
    account: request.accountId,
  })
}

/** Records the order that carried out the approval; safe to send again with the same order. */
export function linkChangeRequestOrder(requestId: string, orderId: string, account: string): Promise<ChangeRequest> {
  return callApi(endpoints.linkChangeRequestOrder, { params: { requestId }, body: { orderId }, account })
}

export function declineChangeRequest(request: ChangeRequest, reason: string): Promise<ChangeRequest> {
  return callApi(endpoints.declineChangeRequest, {
    params: { requestId: request.id },
    body: { reason },
    account: request.accountId,
  })
}

/** Gives up an approval that was not ordered: the request waits again. */
export function reopenChangeRequest(request: ChangeRequest): Promise<ChangeRequest> {
  return callApi(endpoints.reopenChangeRequest, { params: { requestId: request.id }, account: request.accountId })
}

export function withdrawChangeRequest(request: ChangeRequest): Promise<ChangeRequest> {
  return callApi(endpoints.withdrawChangeRequest, { params: { requestId: request.id }, account: request.accountId })
}
