/**
 * The scenarios' changes to the simulated backend's data: the operators' maintenance flag, and
 * the provider's health as the status endpoint reports it.
 * Switching it on or off is safe to repeat (a reload, a second tab): asking for the state it is
 * already in does nothing. A bump is not: the runner runs it once per recovery. The health report
 * is derived from the scenario's start time only, so it is safe to repeat too.
 */
import type { Capability, ComponentHealth } from '../../src/lib/api/schemas'
import type { Db } from '../db'

/**
 * What the `maintenance` scenario's operators switch on, in each language the app speaks, as
 * operators would write it (admins read their own), and what they say when it ends. Shared by the
 * simulated backend and the gateway's simulated mode (gateway/node/sim-server.ts).
 */
export const scenarioMaintenanceOn = (now: Date) =>
  ({
    enabled: true,
    reason: 'scheduled',
    messages: {
      en: 'We are upgrading our billing provider. Changes are paused; everything else works.',
      'pt-BR':
        'Estamos atualizando nosso provedor de faturamento. As alterações estão pausadas; todo o resto funciona.',
    },
    nextUpdateAt: new Date(now.getTime() + 3_600_000).toISOString(),
  }) as const

export const scenarioMaintenanceOff = {
  enabled: false,
  reason: 'other',
  message: 'Maintenance is over: billing works normally again.',
  nextUpdateAt: null,
} as const

export function maintenanceOn(db: Db): void {
  db.sync()
  if (db.getBillingStatus().maintenance.enabled) return
  db.setMaintenance(scenarioMaintenanceOn(db.now()))
}

export function maintenanceOff(db: Db): void {
  db.sync()
  if (!db.getBillingStatus().maintenance.enabled) return
  db.setMaintenance(scenarioMaintenanceOff)
}

/**
 * Tells every client "what you hold may be stale": the generation changes when maintenance ends,
 * so a recovery goes through a short maintenance window of its own. Operators who already hold
 * maintenance keep it: ending it is their call.
 */
export function bumpGeneration(db: Db): void {
  db.sync()
  if (db.getBillingStatus().maintenance.enabled) return
  db.setMaintenance({
    enabled: true,
    reason: 'provider_outage',
    message: 'The billing provider had an outage.',
    nextUpdateAt: null,
  })
  db.setMaintenance({
    enabled: false,
    reason: 'provider_outage',
    message: 'The billing provider has recovered: pages refresh on their own.',
    nextUpdateAt: null,
  })
}

const providerCapabilities: readonly Capability[] = ['subscription', 'invoices', 'payments', 'billingDetails']

/** What a scenario (or a timeline step) says of each provider capability; one not named is operational. */
export type ProviderReport = Partial<Record<Capability, ComponentHealth>>

export const everyCapability = (health: ComponentHealth): ProviderReport =>
  Object.fromEntries(providerCapabilities.map((capability) => [capability, health]))

/** Whether the report says anything but operational. */
export const reportsTrouble = (report: ProviderReport | undefined): boolean =>
  Object.values(report ?? {}).some((health) => health !== 'operational')

/**
 * What the vendor's status endpoint reports of the provider's components: the server side sees an
 * outage too, and the app stops probing a capability its status reports down. Every capability is
 * operational from `from` (ms since the epoch: when the scenario, or its timeline step, began), and
 * `report` holds from `from + delayMs` on (statusDelayMs). The db keeps a report still to come with
 * its state, so a reload or another tab sees it change at that very moment, and it replaces any
 * report still pending from before. Safe to repeat with the same arguments.
 */
export function reportProviderHealth(db: Db, report: ProviderReport | undefined, from: number, delayMs: number): void {
  const operational = everyCapability('operational') as Record<string, ComponentHealth>
  const reported = { ...operational, ...report } as Record<string, ComponentHealth>
  db.sync()
  if (!reportsTrouble(report) || delayMs === 0) db.reportHealth([{ at: from, health: reported }])
  else
    db.reportHealth([
      { at: from, health: operational },
      { at: from + delayMs, health: reported },
    ])
}
