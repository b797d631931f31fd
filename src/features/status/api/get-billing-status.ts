import { useQuery } from '@tanstack/react-query'
import { billingStatusQueries } from '@/lib/availability/billing-status-query'

/**
 * The billing status (an own endpoint: it stays up when the provider fails). One definition, under
 * the key `['billing-status']`, shared with the availability layer, which reads the maintenance
 * flag and its generation from it: the page and the banner never disagree, and one fetch serves both.
 */
export const statusQueries = {
  current: () => billingStatusQueries.current(),
}

/** Kept fresh by the runtime's poll (every few seconds while the page is visible). */
export const useBillingStatus = () => useQuery(statusQueries.current())
