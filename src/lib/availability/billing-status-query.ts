import { queryOptions } from '@tanstack/react-query'
import { statusPolling } from '@/config/resilience'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { StatusAnswer } from '@/lib/resilience/status-poller'
import { rootKey } from '@/lib/api/query-roots'

/**
 * The vendor's own status endpoint: the operators' maintenance flag and the health report. The
 * resilience runtime polls it (one poll per browser) and puts each answer in this query, so the
 * status page and the banner never disagree and the page rarely needs a fetch of its own.
 */
export const billingStatusQueries = {
  current: () =>
    queryOptions({
      queryKey: rootKey('billing-status'),
      queryFn: ({ signal }) => callApi(endpoints.getBillingStatus, { signal }),
      staleTime: statusPolling.defaultIntervalMs,
    }),
}

/** One poll: the report and what the server says of polling it (`X-Poll-Interval`, `Age`). */
export async function fetchBillingStatus(): Promise<StatusAnswer> {
  let headers: Headers | null = null
  const status = await callApi(endpoints.getBillingStatus, { onHeaders: (received) => (headers = received) })
  const seconds = (name: string): number | null => {
    const value = Number((headers as Headers | null)?.get(name) ?? Number.NaN)
    return Number.isFinite(value) && value >= 0 ? value * 1000 : null
  }
  return { status, pollIntervalMs: seconds('X-Poll-Interval'), ageMs: seconds('Age') ?? 0 }
}
