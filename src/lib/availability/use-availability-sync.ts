import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { recoveringMs } from '@/config/resilience'
import { endpoints } from '@/lib/api/contract'
import { capabilityOfQuery } from '@/lib/api/query-roots'
import { callApi } from '@/lib/api/request'
import type { BillingStatus, Capability } from '@/lib/api/schemas'
import { useAvailability, useResilience } from '@/lib/resilience/runtime-context'
import type { RuntimeEvent } from '@/lib/resilience/runtime'
import { billingStatusQueries } from './billing-status-query'
import { alertsMayBeWaiting } from './alert-outbox'

/**
 * The signed-in app's side of the resilience runtime (which app.tsx starts): reports breaker
 * changes to the operators (and sends what an earlier page left in the alert outbox), and refetches on its own when billing returns, so nobody ever has to
 * reload:
 * - the report says a capability is back: what the tab shows of it with nothing to show (a section
 *   saying "unavailable") is read again within seconds; the rest waits for:
 * - a trial is due (the report says a capability is back, at this tab's place in the spread; or the
 *   breaker's own wait is over): refetch what the tab shows of it, that call being the trial: no
 *   separate probe; a hidden tab only marks it stale and refetches when shown;
 * - a breaker closes: refetch that capability's queries, not everything (a fleet recovering at once
 *   should not also reload the data that never failed);
 * - a new maintenance generation: everything may be stale, refetch all.
 */
export function useAvailabilitySync(): void {
  const queryClient = useQueryClient()
  const runtime = useResilience()
  const { status } = useAvailability()

  useEffect(() => {
    const onEvent = (event: RuntimeEvent) => {
      switch (event.type) {
        case 'breaker': {
          const { transition, capability } = event
          if (transition.local && transition.incidentId) {
            const { incidentId } = transition
            if (transition.from === 'closed')
              void alertReporter().then((reporter) =>
                reporter.reportBreakerChange('breaker_open', capability, incidentId),
              )
            if (transition.to === 'closed')
              void alertReporter().then((reporter) =>
                reporter.reportBreakerChange('breaker_closed', capability, incidentId),
              )
          }
          if (transition.to === 'closed' && transition.from !== 'closed') {
            // This tab's trial already refetched what it shows; another tab's did not refetch ours.
            const refetch = !transition.local && document.visibilityState !== 'hidden'
            void queryClient.invalidateQueries({
              predicate: ofCapability(capability),
              refetchType: refetch ? 'active' : 'none',
            })
          }
          return
        }
        case 'stale':
          void queryClient.invalidateQueries({ predicate: ofCapability(event.capability), refetchType: 'none' })
          return
        case 'trial-due':
          trial(queryClient, event.capability, event.reason)
          return
        case 'empty-due':
          // Sections saying "unavailable" under "Billing is back": read them now, not at the spread's end.
          void queryClient.refetchQueries({
            predicate: (query) => ofCapability(event.capability)(query) && query.state.data === undefined,
            type: 'active',
          })
          return
        case 'status':
          showStatus(event)
          return
        case 'generation':
          void queryClient.invalidateQueries()
          return
      }
    }
    // The status page shows the same report; the runtime may have read it before this mounted.
    const showStatus = ({ status, fetchedAt }: { status: BillingStatus | null; fetchedAt: number }) => {
      if (status) queryClient.setQueryData(billingStatusQueries.current().queryKey, status, { updatedAt: fetchedAt })
    }
    const latest = runtime.latestStatus()
    if (latest) showStatus(latest)
    return runtime.subscribe(onEvent)
  }, [queryClient, runtime])

  // Alerts an earlier page (or tab) could not deliver yet are sent now. The reporter loads apart
  // (nothing of it is needed to show the first page), and only if such alerts are waiting.
  useEffect(() => {
    if (alertsMayBeWaiting()) void alertReporter().then((reporter) => reporter.flushAlertOutbox())
  }, [])

  // "Billing is back" lasts a moment, then the app is simply operational.
  useEffect(() => {
    if (status !== 'recovering') return
    const timer = setTimeout(() => runtime.availability.endRecovering(), recoveringMs)
    return () => clearTimeout(timer)
  }, [status, runtime])
}

const alertReporter = () => import('./alert-reporter')

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
 * answer lands on screen). When nothing on screen needs it: after the report said it is back,
 * nothing is sent (edits are already enabled; the next page that shows it is the trial); when the
 * breaker decides alone, its cheapest read, so that a banner saying it is down does not outlive the
 * outage. The breaker lets one call through and refuses the rest at once.
 */
function trial(queryClient: QueryClient, capability: Capability, reason: 'report-back' | 'breaker-wait'): void {
  const active = queryClient.getQueryCache().findAll({ predicate: ofCapability(capability), type: 'active' })
  if (active.length === 0) {
    if (reason === 'report-back') {
      void queryClient.invalidateQueries({ predicate: ofCapability(capability), refetchType: 'none' })
      return
    }
    cheapestRead[capability]().catch(() => {
      // Still down: the breaker has recorded it.
    })
    void queryClient.invalidateQueries({ predicate: ofCapability(capability), refetchType: 'none' })
    return
  }
  void queryClient.invalidateQueries({ predicate: ofCapability(capability) })
}
