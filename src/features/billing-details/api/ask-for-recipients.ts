import { useMutation, useQueryClient } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { changeRequestInputSchema, type ChangeRequest } from '@/lib/api/change-request-schemas'
import { rootKey } from '@/lib/api/query-roots'
import { callApi } from '@/lib/api/request'
import type { InvoiceRecipients } from '@/lib/api/schemas'

export type RecipientsAsk = { recipients: InvoiceRecipients; note: string | null }

/**
 * A change request of its own for who receives invoices by email, for the account the details were
 * shown for. The vendor's own API, so asking works while the provider is down. Not a purchase:
 * nothing to estimate, and no subscription basis (the approval checks the billing details instead).
 */
export const askForRecipients = ({ recipients, note }: RecipientsAsk, account: string): Promise<ChangeRequest> =>
  callApi(endpoints.createChangeRequest, {
    body: changeRequestInputSchema.parse({
      items: [{ type: 'invoiceRecipients', ...recipients }],
      note,
      estimate: null,
      basis: { planId: null, seats: null },
    }),
    account,
  })

/** `account`: the one the form was opened on; the request is sent there or nowhere. */
export function useAskForRecipients(account: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (ask: RecipientsAsk) => askForRecipients(ask, account),
    // The Requests page's list (its key's root: that feature's own factory is not imported here).
    onSettled: () => void queryClient.invalidateQueries({ queryKey: rootKey('change-requests') }),
  })
}
