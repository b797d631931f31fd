import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod/mini'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { billingDetailsInputSchema } from '@/lib/api/schemas'
import { billingDetailsQueries } from './get-billing-details'

/** The form's rules are the server's rules (it answers 422 with the same field paths). */
export const updateBillingDetailsInputSchema = billingDetailsInputSchema
export type UpdateBillingDetailsInput = z.output<typeof updateBillingDetailsInputSchema>

export const updateBillingDetails = (input: UpdateBillingDetailsInput) =>
  callApi(endpoints.updateBillingDetails, { body: input })

export function useUpdateBillingDetails() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateBillingDetails,
    // The answer is the saved record: show it at once, without another round trip to the provider.
    onSuccess: (saved) => queryClient.setQueryData(billingDetailsQueries.current().queryKey, saved),
  })
}
