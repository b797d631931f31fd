import type { Alert, BillingStatus, Capability, ComponentHealth, Maintenance } from '@/lib/api/schemas'

/** Message keys for the API's enums, so that every one has a text in both languages. */
export const capabilityKey = {
  subscription: 'capabilitySubscription',
  invoices: 'capabilityInvoices',
  payments: 'capabilityPayments',
  billingDetails: 'capabilityBillingDetails',
} as const satisfies Record<Capability, string>

export const healthLabel = {
  operational: { key: 'healthOperational', badge: 'badge-success' },
  degraded: { key: 'healthDegraded', badge: 'badge-warning' },
  down: { key: 'healthDown', badge: 'badge-danger' },
} as const satisfies Record<ComponentHealth, { key: string; badge: string }>

export const timelineKindKey = {
  maintenance_on: 'kindMaintenanceOn',
  maintenance_off: 'kindMaintenanceOff',
  update: 'kindUpdate',
  component: 'kindComponent',
} as const satisfies Record<BillingStatus['timeline'][number]['kind'], string>

export const reasonKey = {
  provider_outage: 'reasonProviderOutage',
  scheduled: 'reasonScheduled',
  other: 'reasonOther',
} as const satisfies Record<NonNullable<Maintenance['reason']>, string>

export const alertKindKey = {
  breaker_open: 'alertBreakerOpen',
  breaker_closed: 'alertBreakerClosed',
  blocked_action: 'alertBlockedAction',
} as const satisfies Record<Alert['kind'], string>

/** The admin's own time zone as the browser knows it ("America/Sao_Paulo"). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}
