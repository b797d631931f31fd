import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { recoveringMs, recoverySpreadMs } from '@/config/resilience'
import { endpoints } from '@/lib/api/contract'
import { capabilityOfQuery } from '@/lib/api/query-capability'
import { callApi } from '@/lib/api/request'
import type { Capability } from '@/lib/api/schemas'
import { useAvailability, useResilience } from '@/lib/resilience/runtime-context'
import type { RuntimeEvent } from '@/lib/resilience/runtime'
import { reportBreakerChange } from './alert-reporter'
import { billingStatusQueries } from './billing-status-query'

/**
 * Keeps the availability state true for as long as the signed-in app is mounted: starts the
 * runtime (status poll, trial ticks, other tabs), reports breaker changes to the operators, and
 * refetches on its own when billing returns, so nobody ever has to reload:
 * - the report says a capability is back: a visible tab refetches what it shows of it after a
 *   random delay (that refetch is the breaker's trial: no separate probe); a hidden tab marks it
 *   stale and refetches when shown;
 * - the breaker's own wait is over (the report says nothing): refetch what shows it, the same way;
 * - a breaker closes: refetch that capability's queries, not everything (a fleet recovering at once
 *   should not also reload the data that never failed);
 * - a new maintenance generation: everything may be stale, refetch all.
 */
export function useAvailabilitySync(): void {
  const queryClient = useQueryClient()
  const runtime = useResilience()
  const { status } = useAvailability()

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>()
    const onEvent = (event: RuntimeEvent) => {
      switch (event.type) {
        case 'breaker': {
          const { transition, capability } = event
          if (transition.local && transition.incidentId) {
            if (transition.from === 'closed') reportBreakerChange('breaker_open', capability, transition.incidentId)
            if (transition.to === 'closed') reportBreakerChange('breaker_closed', capability, transition.incidentId)
          }
          if (transition.to === 'closed' && transition.from !== 'closed') {
            // This tab's trial already refetched what it shows; another tab's did not refetch ours.
            const refetch = !transition.local && document.visibilityState !== 'hidden'
            void queryClient.invalidateQueries({ predicate: ofCapability(capability), refetchType: refetch ? 'active' : 'none' })
          }
          return
        }
        case 'report-back': {
          if (document.visibilityState === 'hidden') {
            void queryClient.invalidateQueries({ predicate: ofCapability(event.capability), refetchType: 'none' })
            return
          }
          const timer = setTimeout(() => {
            timers.delete(timer)
            trial(queryClient, event.capability)
          }, Math.round(Math.random() * recoverySpreadMs))
          timers.add(timer)
          return
        }
        case 'trial-due':
          trial(queryClient, event.capability)
          return
        case 'status':
          if (event.status) queryClient.setQueryData(billingStatusQueries.current().queryKey, event.status, { updatedAt: event.fetchedAt })
          return
        case 'generation':
          void queryClient.invalidateQueries()
          return
      }
    }
    const unsubscribe = runtime.subscribe(onEvent)
    const stop = runtime.start()
    return () => {
      unsubscribe()
      stop()
      timers.forEach(clearTimeout)
    }
  }, [queryClient, runtime])

  // "Billing is back" lasts a moment, then the app is simply operational.
  useEffect(() => {
    if (status !== 'recovering') return
    const timer = setTimeout(() => runtime.availability.endRecovering(), recoveringMs)
    return () => clearTimeout(timer)
  }, [status, runtime])
}

const ofCapability = (capability: Capability) => (query: { queryKey: readonly unknown[] }) =>
  capabilityOfQuery(query.queryKey) === capability

/** The cheapest read of each capability, for a trial when nothing on screen reads it. */
const cheapestRead: Record<Capability, () => Promise<unknown>> = {
  subscription: () => callApi(endpoints.getSubscription),
  invoices: () => callApi(endpoints.getInvoices, { query: { limit: '1' } }),
  payments: () => callApi(endpoints.getPaymentMethod),
  billingDetails: () => callApi(endpoints.getBillingDetails),
}

/**
 * The breaker's trial is a real call: the refetch of what this tab shows of the capability (its
 * answer lands on screen), or its cheapest read when nothing on screen needs it. The breaker lets
 * one through and refuses the rest at once; every query of it is marked stale for later.
 */
function trial(queryClient: QueryClient, capability: Capability): void {
  const active = queryClient.getQueryCache().findAll({ predicate: ofCapability(capability), type: 'active' })
  if (active.length === 0) {
    cheapestRead[capability]().catch(() => {
      // Still down: the breaker has recorded it.
    })
    void queryClient.invalidateQueries({ predicate: ofCapability(capability), refetchType: 'none' })
    return
  }
  void queryClient.invalidateQueries({ predicate: ofCapability(capability) })
}
