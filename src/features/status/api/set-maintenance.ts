import { useMutation, useQueryClient } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { maintenanceInputSchema, type MaintenanceInput } from '@/lib/api/schemas'
import { statusQueries } from './get-billing-status'

export const setMaintenanceInputSchema = maintenanceInputSchema

export const setMaintenance = (input: MaintenanceInput) =>
  callApi(endpoints.setMaintenance, { body: setMaintenanceInputSchema.parse(input) })

export function useSetMaintenance() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: setMaintenance,
    // The answer is the new status: every reader of the flag (this page, the app's banner) sees it now.
    onSuccess: (status) => queryClient.setQueryData(statusQueries.current().queryKey, status),
  })
}
