/**
 * The writes on change requests. Each throws on failure (an ApiError), so a failure never counts
 * as a success; the caller shows it in the admin's words.
 */
import { endpoints } from '@/lib/api/contract'
import { changeRequestInputSchema, type ChangeRequest, type ChangeRequestInput } from '@/lib/api/change-request-schemas'
import { callApi } from '@/lib/api/request'

export function createChangeRequest(input: ChangeRequestInput): Promise<ChangeRequest> {
  return callApi(endpoints.createChangeRequest, { body: changeRequestInputSchema.parse(input) })
}

/** Takes the request to order it; a second approval (another key) is refused with 409. */
export function approveChangeRequest(requestId: string, approvalKey: string): Promise<ChangeRequest> {
  return callApi(endpoints.approveChangeRequest, { params: { requestId }, body: { approvalKey } })
}

/** Records the order that carried out the approval; safe to send again with the same order. */
export function linkChangeRequestOrder(requestId: string, orderId: string): Promise<ChangeRequest> {
  return callApi(endpoints.linkChangeRequestOrder, { params: { requestId }, body: { orderId } })
}

export function declineChangeRequest(requestId: string, reason: string): Promise<ChangeRequest> {
  return callApi(endpoints.declineChangeRequest, { params: { requestId }, body: { reason } })
}

export function withdrawChangeRequest(requestId: string): Promise<ChangeRequest> {
  return callApi(endpoints.withdrawChangeRequest, { params: { requestId } })
}
