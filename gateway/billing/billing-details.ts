/**
 * The account's billing details at Zuora (bill-to contact, tax id, invoice recipients): read, and
 * replaced in full. A full replace is safe to repeat, so it takes no Idempotency-Key (Zuora
 * refuses one on PUT).
 *
 * Shared by the billing details routes (a billing admin's own edit) and the approval of a change
 * request for invoice recipients (request-invoice-recipients.ts).
 */
import type { BillingDetails } from '../../src/lib/api/schemas'
import type { GatewayDeps } from '../context'
import type { DirectoryAccount } from '../identity/directory'
import { staleResources } from '../stores/stale-copy'
import { toAccountUpdate, toBillingDetails } from '../zuora/adapter/account-map'
import { callOperation, type OperationContext } from '../zuora/adapter/operation'
import { providerError, withProvider } from './provider-call'

/** The details as Zuora holds them, in one call chain already admitted. */
export async function fetchBillingDetails(
  context: OperationContext,
  account: DirectoryAccount,
): Promise<BillingDetails> {
  return toBillingDetails(
    await callOperation(context, 'getAccount', {
      capability: 'billingDetails',
      params: { 'account-key': account.zuoraAccountNumber },
    }),
  )
}

/**
 * Replaces the details at Zuora and keeps the gateway's copy fresh; answers them as saved.
 * `changeRequestId`: the approved request this carries out, for the log.
 */
export async function replaceBillingDetails(
  deps: GatewayDeps,
  account: DirectoryAccount,
  details: BillingDetails,
  scope: { requestId: string; changeRequestId?: string },
): Promise<BillingDetails> {
  try {
    await withProvider(
      deps,
      'billingDetails',
      { requestId: scope.requestId, timeoutMs: deps.timeouts.writeMs },
      (context) =>
        callOperation(context, 'updateAccount', {
          capability: 'billingDetails',
          params: { 'account-key': account.zuoraAccountNumber },
          body: toAccountUpdate(details),
        }),
    )
  } catch (error) {
    throw providerError(error)
  }
  if (scope.changeRequestId !== undefined)
    deps.log({
      event: 'invoice_recipients',
      requestId: scope.requestId,
      accountId: account.id,
      changeRequestId: scope.changeRequestId,
    })
  await deps.staleCopy.put(account.id, staleResources.billingDetails, JSON.stringify(details), deps.clock.now())
  return details
}
