/**
 * Approving a change request for invoice recipients (asked by an admin without billing rights):
 * what a billing admin would do themselves on the billing details page. The details are read at
 * Zuora, the request taken (own/change-requests.ts, `waiting` → `approving` under its key, refused
 * as stale when the account already has the recipients as asked, or an asked address is now the
 * billing contact's), and the details replaced exactly as PUT /billing-details replaces them
 * (billing-details.ts) with only the recipients changed; then recorded on the request (`applied`).
 * Nothing is ordered or charged, and no cart is involved.
 *
 * The rest of the details are sent back as read, not checked again by the form's rules: the
 * request changes only who receives invoices (checked by those rules when it was asked, and
 * against the contact here), and a contact the provider holds in another shape must not block it.
 */
import type { ChangeRequest } from '../../src/lib/api/change-request-schemas'
import type { BillingDetails } from '../../src/lib/api/schemas'
import { recipientsAskedIn } from '../../src/billing/change-items'
import { recipientsProblem } from '../../src/billing/recipients-problem'
import type { GatewayDeps } from '../context'
import { GatewayError } from '../http/errors'
import type { DirectoryAccount } from '../identity/directory'
import { approveChangeRequest, recordCarriedOut, releaseApproval } from '../own/change-requests'
import type { DirectoryUser } from '../own/own-state'
import { fetchBillingDetails, replaceBillingDetails } from './billing-details'
import { providerError, withProvider } from './provider-call'

export async function approveRecipientsRequest(
  deps: GatewayDeps,
  who: { user: DirectoryUser; account: DirectoryAccount },
  args: { changeRequestId: string; approvalKey: string; requestId: string },
): Promise<ChangeRequest> {
  const { user, account } = who
  const now = () => new Date(deps.clock.now())
  let details: BillingDetails
  try {
    details = await withProvider(
      deps,
      'billingDetails',
      { requestId: args.requestId, timeoutMs: deps.timeouts.readMs },
      (context) => fetchBillingDetails(context, account),
    )
  } catch (error) {
    throw providerError(error)
  }
  const taken = await deps.own.mutate((d) =>
    approveChangeRequest(d, {
      accountId: account.id,
      requestId: args.changeRequestId,
      user,
      approvalKey: args.approvalKey,
      problemOf: (request) => {
        const asked = recipientsAskedIn(request.items)
        return asked ? recipientsProblem(asked, details) : null
      },
      now: now(),
    }),
  )
  const asked = recipientsAskedIn(taken.items)
  // A retry of an approval already carried out: answered as it is.
  if (taken.status !== 'approving' || !asked) return taken

  const which = { accountId: account.id, requestId: taken.id, approvalKey: args.approvalKey }
  try {
    await replaceBillingDetails(
      deps,
      account,
      { ...details, invoiceRecipients: { emailInvoices: asked.emailInvoices, additional: asked.additional } },
      { requestId: args.requestId, changeRequestId: taken.id },
    )
  } catch (error) {
    // A full replace: approving again later is safe even if the provider took this one.
    await deps.own.mutate((d) => releaseApproval(d, { ...which, now: now() }))
    // Zuora refused the addresses: the request cannot be carried out as asked, like any stale one.
    if (error instanceof GatewayError && error.code === 'provider_rejected')
      throw new GatewayError(409, 'request_stale', `This change no longer fits the billing details: ${error.message}`)
    throw error
  }
  return deps.own.mutate((d) => recordCarriedOut(d, { ...which, status: 'applied', effectiveOn: null, now: now() }))
}
