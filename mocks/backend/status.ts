/**
 * Billing status: the operators' maintenance flag, each upstream component's health, and the
 * timeline of what happened. Also the alert intake, which the same operators read.
 */
import type { z } from 'zod'
import type { Alert, AlertInput, ComponentHealth, maintenanceInputSchema } from '../../src/lib/api/schemas'
import { takeId, type MutableState, type StatusState } from './state'

const MAX_TIMELINE = 50
const MAX_ALERTS = 200

const hoursBefore = (now: Date, hours: number) => {
  const at = new Date(now.getTime() - hours * 3_600_000)
  at.setUTCSeconds(0, 0)
  return at.toISOString()
}

/** All operational, with one past maintenance window (hence generation 1). */
export function seedStatus(now: Date): StatusState {
  const updatedAt = hoursBefore(now, 48)
  const component = (id: string, name: string, capability: StatusState['components'][number]['capability']) => ({
    id,
    name,
    capability,
    status: 'operational' as const,
    updatedAt,
  })
  return {
    maintenance: { enabled: false, reason: null, message: null, since: null, nextUpdateAt: null, generation: 1 },
    components: [
      component('billing-api', 'Billing API', null),
      component('product-catalog', 'Product catalog', null),
      component('provider-subscriptions', 'Subscriptions and orders', 'subscription'),
      component('provider-invoices', 'Invoices and PDFs', 'invoices'),
      component('provider-payments', 'Payments', 'payments'),
      component('provider-billing-contacts', 'Billing contacts', 'billingDetails'),
    ],
    timeline: [
      { id: 'tl_3', at: updatedAt, kind: 'component', message: 'Invoices and PDFs are answering normally again after slow responses.' },
      { id: 'tl_2', at: hoursBefore(now, 9 * 24), kind: 'maintenance_off', message: 'Scheduled maintenance of the billing provider is over.' },
      { id: 'tl_1', at: hoursBefore(now, 9 * 24 + 2), kind: 'maintenance_on', message: 'Scheduled maintenance of the billing provider.' },
    ],
  }
}

type ParsedMaintenanceInput = z.output<typeof maintenanceInputSchema>

/**
 * Switching on records since/reason/message; switching off bumps the generation, which tells every
 * client to refetch. Asking for the state it is already in only updates the message (on) or does
 * nothing (off), so a double click does not bump the generation twice.
 */
export function setMaintenance(state: MutableState, input: ParsedMaintenanceInput, now: Date): void {
  const { maintenance } = state.status
  const at = now.toISOString()
  if (input.enabled) {
    const wasOn = maintenance.enabled
    state.status.maintenance = {
      ...maintenance,
      enabled: true,
      reason: input.reason,
      message: input.message,
      since: wasOn ? maintenance.since : at,
      nextUpdateAt: input.nextUpdateAt,
    }
    addTimeline(state, wasOn ? 'update' : 'maintenance_on', input.message, at)
  } else if (maintenance.enabled) {
    state.status.maintenance = {
      enabled: false,
      reason: null,
      message: null,
      since: null,
      nextUpdateAt: null,
      generation: maintenance.generation + 1,
    }
    addTimeline(state, 'maintenance_off', input.message, at)
  }
}

function addTimeline(state: MutableState, kind: StatusState['timeline'][number]['kind'], message: string, at: string) {
  state.status.timeline = [{ id: takeId(state, 'tl'), at, kind, message }, ...state.status.timeline].slice(0, MAX_TIMELINE)
}

/** For scenarios and the dev toolbar: mark a component (by id or capability) healthy or not. */
export function setComponentHealth(state: MutableState, idOrCapability: string, status: ComponentHealth, now: Date): void {
  const at = now.toISOString()
  state.status.components = state.status.components.map((component) =>
    component.id === idOrCapability || component.capability === idOrCapability ? { ...component, status, updatedAt: at } : component,
  )
}

/** One alert per (account, kind, incident): a repeat report only counts and moves it to the top. */
export function recordAlert(state: MutableState, input: AlertInput, who: { accountId: string; userId: string }, now: Date): Alert {
  const receivedAt = now.toISOString()
  const existing = state.alerts.find(
    (alert) => alert.accountId === who.accountId && alert.kind === input.kind && alert.incidentId === input.incidentId,
  )
  const alert: Alert = existing
    ? { ...existing, count: existing.count + 1, receivedAt }
    : { ...input, id: takeId(state, 'alr'), accountId: who.accountId, userId: who.userId, receivedAt, count: 1 }
  state.alerts = [alert, ...state.alerts.filter((a) => a !== existing)].slice(0, MAX_ALERTS)
  return alert
}
