import type { QueryKey } from '@tanstack/react-query'
import type { Capability } from './schemas'

/**
 * The provider capability a query reads, from the first part of its key (the features' key
 * factories start with these). Used to refetch only what a recovered capability serves.
 */
export function capabilityOfQuery(queryKey: QueryKey): Capability | null {
  switch (queryKey[0]) {
    case 'subscription':
    case 'cart': // quotes and orders
      return 'subscription'
    case 'invoices':
      return 'invoices'
    case 'payment-method':
      return 'payments'
    case 'billing-details':
      return 'billingDetails'
    default:
      return null
  }
}
