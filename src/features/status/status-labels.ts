import type { Alert, BillingStatus, Capability, ComponentHealth, Maintenance } from '@/lib/api/schemas'

/** Message keys for the API's enums, so that every one has a text in both languages. */
export const capabilityKey = {
  subscription: 'capabilitySubscription',
  invoices: 'capabilityInvoices',
  payments: 'capabilityPayments',
  billingDetails: 'capabilityBillingDetails',
} as const satisfies Record<Capability, string>

/**
 * The app's own names for the components it knows, so that they read in the admin's language: the
 * provider's by the capability they back, the vendor's own services by their id. The English ones
 * are the server's names; a component known neither way keeps the server's name.
 */
export const componentNameKey = {
  subscription: 'componentSubscription',
  invoices: 'componentInvoices',
  payments: 'componentPayments',
  billingDetails: 'componentBillingDetails',
} as const satisfies Record<Capability, string>

export const ownComponentNameKey: Readonly<Partial<Record<string, 'componentBillingApi' | 'componentProductCatalog'>>> =
  {
    'billing-api': 'componentBillingApi',
    'product-catalog': 'componentProductCatalog',
  }

/** What a server-written component entry says, by the health it reports (component-entry.ts). */
export const componentEntryKey = {
  operational: 'entryComponentBack',
  degraded: 'entryComponentDegraded',
  down: 'entryComponentDown',
} as const satisfies Record<ComponentHealth, string>

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
  render_error: 'alertRenderError',
} as const satisfies Record<Alert['kind'], string>

/** The admin's own time zone as the browser knows it ("America/Sao_Paulo"). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}
