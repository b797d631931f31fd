import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod/mini'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { billingDetailsInputSchema } from '@/lib/api/schemas'
import { sessionQueries } from '@/lib/session/session-queries'
import { billingDetailsQueries } from '@/billing/api/get-billing-details'

/** The form's rules are the server's rules (it answers 422 with the same field paths). */
export const updateBillingDetailsInputSchema = billingDetailsInputSchema
export type UpdateBillingDetailsInput = z.output<typeof updateBillingDetailsInputSchema>

export const updateBillingDetails = (input: UpdateBillingDetailsInput, account: string) =>
  callApi(endpoints.updateBillingDetails, { body: input, account })

/** `account`: the one the form was opened on; the details are saved there or nowhere. */
export function useUpdateBillingDetails(account: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: UpdateBillingDetailsInput) => updateBillingDetails(input, account),
    // The answer is the saved record: show it at once, without another round trip to the provider;
    // but only while the tab is still on that account (an answer arriving after a switch would
    // otherwise show one account's record on the other's page).
    onSuccess: (saved) => {
      if (queryClient.getQueryData(sessionQueries.me().queryKey)?.account.id === account)
        queryClient.setQueryData(billingDetailsQueries.current().queryKey, saved)
    },
  })
}
