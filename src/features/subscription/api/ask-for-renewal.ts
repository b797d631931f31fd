import { useMutation, useQueryClient } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { changeRequestInputSchema, type ChangeRequest } from '@/lib/api/change-request-schemas'
import { rootKey } from '@/lib/api/query-roots'
import { callApi } from '@/lib/api/request'
import type { Subscription } from '@/lib/api/schemas'

type Asked = Pick<Subscription, 'accountId' | 'plan' | 'seats'>

/**
 * A change request of its own for renewal off or back on (renewal-ask.tsx says why not the
 * draft), for the account the subscription was shown for. The vendor's own API, so asking works
 * while the provider is down. Nothing is bought or credited: there is no price to estimate.
 */
export const askForRenewal = (autoRenew: boolean, subscription: Asked): Promise<ChangeRequest> =>
  callApi(endpoints.createChangeRequest, {
    body: changeRequestInputSchema.parse({
      items: [{ type: 'renewal', autoRenew }],
      note: null,
      estimate: null,
      basis: { planId: subscription.plan.id, seats: subscription.seats.purchased },
    }),
    account: subscription.accountId,
  })

export function useAskForRenewal(subscription: Asked) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (autoRenew: boolean) => askForRenewal(autoRenew, subscription),
    // The Requests page's list (its key's root: the feature's own factory is not imported here).
    onSettled: () => void queryClient.invalidateQueries({ queryKey: rootKey('change-requests') }),
  })
}
