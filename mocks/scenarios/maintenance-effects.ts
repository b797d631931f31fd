/**
 * The scenarios' changes to the simulated backend's data: the operators' maintenance flag, and
 * the provider's health as the status endpoint reports it.
 * Switching it on or off is safe to repeat (a reload, a second tab): asking for the state it is
 * already in does nothing. A bump is not: the runner runs it once per recovery.
 */
import type { Capability, ComponentHealth } from '../../src/lib/api/schemas'
import type { Db } from '../db'

export function maintenanceOn(db: Db): void {
  db.sync()
  if (db.getBillingStatus().maintenance.enabled) return
  db.setMaintenance({
    enabled: true,
    reason: 'scheduled',
    message: 'We are upgrading our billing provider. Changes are paused; everything else works.',
    nextUpdateAt: new Date(db.now().getTime() + 3_600_000).toISOString(),
  })
}

export function maintenanceOff(db: Db): void {
  db.sync()
  if (!db.getBillingStatus().maintenance.enabled) return
  db.setMaintenance({ enabled: false, reason: 'other', message: 'Maintenance is over: billing works normally again.', nextUpdateAt: null })
}

/**
 * Tells every client "what you hold may be stale": the generation changes when maintenance ends,
 * so a recovery goes through a short maintenance window of its own. Operators who already hold
 * maintenance keep it: ending it is their call.
 */
export function bumpGeneration(db: Db): void {
  db.sync()
  if (db.getBillingStatus().maintenance.enabled) return
  db.setMaintenance({ enabled: true, reason: 'provider_outage', message: 'The billing provider had an outage.', nextUpdateAt: null })
  db.setMaintenance({ enabled: false, reason: 'provider_outage', message: 'The billing provider has recovered: pages refresh on their own.', nextUpdateAt: null })
}

const providerCapabilities: readonly Capability[] = ['subscription', 'invoices', 'payments', 'billingDetails']

/**
 * What the vendor's status endpoint reports of the provider's components: the server side sees an
 * outage too, and the app stops probing a capability its status reports down. Safe to repeat.
 */
export const reportProvider =
  (health: ComponentHealth, only: readonly Capability[] = providerCapabilities) =>
  (db: Db): void => {
    db.sync()
    for (const capability of only) db.setComponentHealth(capability, health)
  }
