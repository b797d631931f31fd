import { useMutation } from '@tanstack/react-query'
import type { z } from 'zod/mini'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { paymentSessionInputSchema } from '@/lib/api/schemas'

export const createPaymentSessionInputSchema = paymentSessionInputSchema
export type CreatePaymentSessionInput = z.input<typeof createPaymentSessionInputSchema>

/**
 * Starts a card update on the provider's hosted page. The app only ever learns where to send the
 * admin; the card number is typed on the provider's page and never passes through here.
 */
export const createPaymentSession = (input: CreatePaymentSessionInput, account: string) =>
  callApi(endpoints.createPaymentSession, { body: createPaymentSessionInputSchema.parse(input), account })

/** `account`: the one whose payment page is on screen; the card is updated on that account or on none. */
export function useCreatePaymentSession(account: string) {
  return useMutation({ mutationFn: (input: CreatePaymentSessionInput) => createPaymentSession(input, account) })
}
