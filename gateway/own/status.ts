/**
 * Billing status: the operators' maintenance flag, each upstream component's health, and the
 * timeline of what happened; the simulated health check that dates the report (`checkedAt`). Also
 * the alert intake, which the same operators read.
 */
import type { z } from 'zod'
import type {
  Alert,
  AlertInput,
  BillingStatus,
  ComponentHealth,
  maintenanceInputSchema,
} from '../../src/lib/api/schemas'
import { GatewayError } from '../http/errors'
import { takeId, type OwnState as MutableState, type StatusChecks, type StatusState } from './own-state'
import { STATUS_CACHE } from './status-cache'

const MAX_TIMELINE = 50
const MAX_ALERTS = 200

const hoursBefore = (now: Date, hours: number) => {
  const at = new Date(now.getTime() - hours * 3_600_000)
  at.setUTCSeconds(0, 0)
  return at.toISOString()
}

/**
 * The timeline entry (kind `component`) written when a capability's published health changes, in
 * English: "<name>: down (<evidence>).", "<name>: degraded (<evidence>)." or "<name>: answering
 * normally again.", where <name> is the component's name in the same report. That shape is what
 * lets the status page tell which component an entry is about, and its health, and say it in the
 * admin's language (src/features/status/component-entry.ts reads it): keep the two in step.
 */
export function componentEntryMessage(name: string, health: ComponentHealth, evidence: string): string {
  const message = health === 'operational' ? `${name}: answering normally again.` : `${name}: ${health} (${evidence}).`
  return message.slice(0, 2_000)
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
      {
        id: 'tl_3',
        at: updatedAt,
        kind: 'component',
        message: componentEntryMessage('Invoices and PDFs', 'operational', ''),
      },
      {
        id: 'tl_2',
        at: hoursBefore(now, 9 * 24),
        kind: 'maintenance_off',
        message: 'Scheduled maintenance of the billing provider is over.',
      },
      {
        id: 'tl_1',
        at: hoursBefore(now, 9 * 24 + 2),
        kind: 'maintenance_on',
        message: 'Scheduled maintenance of the billing provider.',
      },
    ],
  }
}

type ParsedMaintenanceInput = z.output<typeof maintenanceInputSchema>

/**
 * Switching on records since/reason/messages; switching off bumps the generation, which tells every
 * client to refetch. Asking for the state it is already in only updates the message (on) or does
 * nothing (off), so a double click does not bump the generation twice.
 */
export function setMaintenance(state: MutableState, input: ParsedMaintenanceInput, now: Date): void {
  const { maintenance } = state.status
  const at = now.toISOString()
  const message = defaultMessage(input)
  if (input.enabled) {
    const wasOn = maintenance.enabled
    state.status.maintenance = {
      ...maintenance,
      enabled: true,
      reason: input.reason,
      message,
      messages: { ...input.messages },
      since: wasOn ? maintenance.since : at,
      nextUpdateAt: input.nextUpdateAt,
    }
    addTimeline(state, wasOn ? 'update' : 'maintenance_on', message, at)
  } else if (maintenance.enabled) {
    state.status.maintenance = {
      enabled: false,
      reason: null,
      message: null,
      since: null,
      nextUpdateAt: null,
      generation: maintenance.generation + 1,
    }
    addTimeline(state, 'maintenance_off', message, at)
  }
}

/**
 * The message an admin reads when the operators wrote none in their language: the one given as
 * the default, else the English, else the Portuguese (the schema makes sure there is one). The
 * timeline keeps this one only.
 */
function defaultMessage(input: ParsedMaintenanceInput): string {
  return input.message ?? input.messages?.en ?? input.messages?.['pt-BR'] ?? ''
}

export function addTimeline(
  state: MutableState,
  kind: StatusState['timeline'][number]['kind'],
  message: string,
  at: string,
) {
  state.status.timeline = [{ id: takeId(state, 'tl'), at, kind, message }, ...state.status.timeline].slice(
    0,
    MAX_TIMELINE,
  )
}

export const seedStatusChecks = (now: Date): StatusChecks => ({ changedAt: now.toISOString(), pending: [] })

type Component = StatusState['components'][number]

/** The components with one of them (by id or capability) set to `status` at `at`; the same array when nothing changes. */
function withHealth(components: Component[], idOrCapability: string, status: ComponentHealth, at: string): Component[] {
  const matches = (component: Component) => component.id === idOrCapability || component.capability === idOrCapability
  if (!components.some((component) => matches(component) && component.status !== status)) return components
  return components.map((component) =>
    matches(component) && component.status !== status ? { ...component, status, updatedAt: at } : component,
  )
}

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b)

/**
 * For scenarios and the dev toolbar: mark a component (by id or capability) healthy or not, now.
 * Setting the health it already has changes nothing (not even its `updatedAt`).
 */
export function setComponentHealth(
  state: MutableState,
  idOrCapability: string,
  status: ComponentHealth,
  now: Date,
): void {
  const at = now.toISOString()
  const components = withHealth(state.status.components, idOrCapability, status, at)
  if (components === state.status.components) return
  state.status.components = components
  state.statusChecks.changedAt = later(state.statusChecks.changedAt, at)
}

/** Applies the pending health changes due at `upTo` (ms) or before, each at its own time. */
export function settleHealth(state: MutableState, upTo: number): void {
  const due = state.statusChecks.pending.filter((entry) => Date.parse(entry.at) <= upTo)
  if (due.length === 0) return
  state.statusChecks.pending = state.statusChecks.pending.filter((entry) => !due.includes(entry))
  for (const entry of due) {
    const components = withHealth(state.status.components, entry.component, entry.status, entry.at)
    if (components === state.status.components) continue
    state.status.components = components
    state.statusChecks.changedAt = later(state.statusChecks.changedAt, entry.at)
  }
}

/** A health report from a time on (ms since the epoch): health by component id or capability. */
export type HealthReport = { at: number; health: Readonly<Record<string, ComponentHealth>> }

/**
 * Reports component health as a sequence in time, replacing whatever was still pending: changes
 * due before the first report are applied first, reports at or before `now` apply at once with their
 * own times, later ones wait in `pending` and take effect when due. Reports are in time order.
 */
export function scheduleHealth(state: MutableState, reports: readonly HealthReport[], now: Date): void {
  const nowMs = now.getTime()
  settleHealth(state, Math.min(nowMs, reports[0]?.at ?? nowMs))
  state.statusChecks.pending = []
  for (const report of reports) {
    const at = new Date(report.at).toISOString()
    for (const [component, status] of Object.entries(report.health)) {
      if (report.at <= nowMs) setComponentHealth(state, component, status, new Date(report.at))
      else state.statusChecks.pending.push({ component, status, at })
    }
  }
}

/**
 * Runs `change` and, when it changed what the report says, records that the health check ran now
 * (the report is published at once). Pending changes due by now are applied first.
 */
export function changeStatus(state: MutableState, now: Date, change: (state: MutableState) => void): void {
  settleHealth(state, now.getTime())
  const before = JSON.stringify(state.status)
  change(state)
  if (JSON.stringify(state.status) !== before)
    state.statusChecks.changedAt = later(state.statusChecks.changedAt, now.toISOString())
}

/** When the health check last ran at `now`: at the last change, then every check interval. */
export function lastCheckAt(changedAt: number, now: number, intervalMs: number = STATUS_CACHE.checkIntervalMs): number {
  return changedAt + Math.max(0, Math.floor((now - changedAt) / intervalMs)) * intervalMs
}

/**
 * The report as `GET /billing-status` gives it at `now`, pending changes due by then included,
 * without changing the state: the same body between changes and checks, whoever reads it.
 */
export function statusReport(state: MutableState, now: Date): BillingStatus {
  const nowMs = now.getTime()
  let { components } = state.status
  let { changedAt } = state.statusChecks
  for (const entry of state.statusChecks.pending) {
    if (Date.parse(entry.at) > nowMs) continue
    const next = withHealth(components, entry.component, entry.status, entry.at)
    if (next === components) continue
    components = next
    changedAt = later(changedAt, entry.at)
  }
  return { ...state.status, components, checkedAt: new Date(lastCheckAt(Date.parse(changedAt), nowMs)).toISOString() }
}

/** The intake takes at most this many reports a minute from one user; more are refused with 429. */
export const ALERT_RATE_LIMIT = { max: 30, windowMs: 60_000 }

/**
 * One alert per (account, kind, incident): a repeat report only counts and moves it to the top.
 * A user who sent ALERT_RATE_LIMIT.max reports in the last minute is refused (429, Retry-After:
 * when the oldest of them leaves the window), and the report is not counted.
 */
export function recordAlert(
  state: MutableState,
  input: AlertInput,
  who: { accountId: string; userId: string },
  now: Date,
): Alert {
  const nowMs = now.getTime()
  const recent = (state.alertReceipts[who.userId] ?? []).filter(
    (at) => at > nowMs - ALERT_RATE_LIMIT.windowMs && at <= nowMs,
  )
  if (recent.length >= ALERT_RATE_LIMIT.max) {
    const retryAfterSeconds = Math.max(1, Math.ceil(((recent[0] ?? nowMs) + ALERT_RATE_LIMIT.windowMs - nowMs) / 1000))
    throw new GatewayError(429, 'rate_limited', 'Too many alerts from this user: try again later.', {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    })
  }
  state.alertReceipts = { ...state.alertReceipts, [who.userId]: [...recent, nowMs] }
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
