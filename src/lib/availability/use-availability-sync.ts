import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { recoveringMs, statusPolling } from '@/config/resilience'
import { capabilityOfQuery } from '@/lib/api/query-capability'
import { breakers, capabilities, onBreakerTransition } from '@/lib/resilience/breakers'
import { probeGate, providerHealthOf } from '@/lib/resilience/probe-gate'
import { startProber } from '@/lib/resilience/prober'
import { reportBreakerChange } from './alert-reporter'
import { useAvailability, useAvailabilityStore } from './availability-store'
import { billingStatusQueries } from './billing-status-query'

/**
 * Keeps the availability state true, for as long as the signed-in app is mounted: polls the
 * operators' flag (faster while anything is wrong), follows the breakers, probes while one is
 * open, reports breaker changes to the operators, and refetches on its own when billing returns
 * (breaker closed, or a new maintenance generation), so nobody ever has to reload.
 */
export function useAvailabilitySync(): void {
  const queryClient = useQueryClient()
  const { status } = useAvailability()
  const store = useAvailabilityStore

  // Breakers: current state now, then every transition (this tab's or another's).
  useEffect(() => {
    for (const capability of capabilities) store.getState().setBreaker(capability, breakers[capability].current)
    const stopProber = startProber()
    const unsubscribe = onBreakerTransition((capability, transition) => {
      store.getState().setBreaker(capability, transition.snapshot)
      if (transition.local && transition.incidentId) {
        if (transition.from === 'closed') reportBreakerChange('breaker_open', capability, transition.incidentId)
        if (transition.to === 'closed') reportBreakerChange('breaker_closed', capability, transition.incidentId)
      }
      // Refetch what this capability serves, not everything: a fleet recovering at once should
      // not also reload the data that never failed.
      if (transition.to === 'closed') {
        void queryClient.invalidateQueries({ predicate: (query) => capabilityOfQuery(query.queryKey) === capability })
      }
    })
    return () => {
      unsubscribe()
      stopProber()
    }
  }, [queryClient, store])

  // The operators' flag, polled; refetched at once when the tab comes back to the foreground.
  const statusQuery = useQuery({
    ...billingStatusQueries.current(),
    refetchInterval: status === 'operational' ? statusPolling.healthyIntervalMs : statusPolling.degradedIntervalMs,
  })
  useEffect(() => {
    if (!statusQuery.data) return
    store.getState().setStatus(statusQuery.data)
    probeGate.update(providerHealthOf(statusQuery.data), Date.now())
  }, [statusQuery.data, statusQuery.dataUpdatedAt, store])
  useEffect(() => {
    if (!statusQuery.isError) return
    store.getState().setStatusUnreachable()
    probeGate.update(null, Date.now())
  }, [statusQuery.isError, statusQuery.errorUpdatedAt, store])

  // A new maintenance generation means "whatever you hold may be stale": refetch everything.
  const generation = statusQuery.data?.maintenance.generation
  const lastGeneration = useRef(generation)
  useEffect(() => {
    if (generation === undefined) return
    if (lastGeneration.current !== undefined && generation !== lastGeneration.current) void queryClient.invalidateQueries()
    lastGeneration.current = generation
  }, [generation, queryClient])

  // "Billing is back" lasts a moment, then the app is simply operational.
  useEffect(() => {
    if (status !== 'recovering') return
    const timer = setTimeout(() => store.getState().endRecovering(), recoveringMs)
    return () => clearTimeout(timer)
  }, [status, store])
}
