/**
 * The vendor's own state, the part of billing the gateway keeps itself and never asks Zuora for:
 * the operators' maintenance flag and the status page, the alerts the browsers report, and the
 * change requests. Plain JSON, so it can live in memory, in a browser's storage (the simulated
 * backend) or in a shared store.
 */
import type { ChangeRequest } from '../../src/lib/api/change-request-schemas'
import type { Alert, BillingStatus, ComponentHealth, Role } from '../../src/lib/api/schemas'
import type { Incident } from './incidents'

/** Who may sign in: from the directory (gateway/identity), or the demo users of simulated mode. */
export type DirectoryUser = { id: string; email: string; name: string; role: Role; accountIds: string[] }

/**
 * An approval that lapsed without an order (change-requests.ts, APPROVAL_HOLD_MS): kept so that an
 * order placed under it while it held, but linked only after it lapsed, is still recorded.
 */
export type LapsedApproval = { decidedBy: ChangeRequest['decidedBy']; decidedAt: string; lapsedAt: string }

/** A change request and the key of the approval that took it (kept on the server only). */
export type StoredChangeRequest = {
  request: ChangeRequest
  approvalKey: string | null
  /** Absent in a copy stored before approvals lapsed: read as none. */
  lapsed?: LapsedApproval | null
}

export type StatusState = Omit<BillingStatus, 'checkedAt'>

/** A component's health that takes effect at a later time: a report withheld for a while. */
export type PendingHealth = { component: string; status: ComponentHealth; at: string }

/**
 * When the status report last changed and what is still to come. The report's `checkedAt` moves
 * every STATUS_CACHE.checkIntervalMs after the last change, and at once on a change (see
 * status-cache.ts), so its body and ETag stay the same in between.
 */
export type StatusChecks = {
  /** When the status last changed (ISO): the check ran then. */
  changedAt: string
  /** Oldest first; applied when read once due, so the report changes at that exact time. */
  pending: PendingHealth[]
}

export type OwnState = {
  status: StatusState
  statusChecks: StatusChecks
  /** Newest first. */
  alerts: Alert[]
  /** When the alert intake accepted each user's recent reports (ms since the epoch), for its rate limit. */
  alertReceipts: Record<string, number[]>
  /** Oldest first. Absent in a copy stored before requests existed: read as none. */
  changeRequests?: StoredChangeRequest[]
  /** Newest first: one per outage of a capability (incidents.ts). Absent in an older copy: none. */
  incidents?: Incident[]
  /** Source of ids made at run time, so that ids are predictable in tests. */
  nextId: number
}

export function takeId(state: Pick<OwnState, 'nextId'>, prefix: string): string {
  const id = `${prefix}_${String(state.nextId).padStart(4, '0')}`
  state.nextId += 1
  return id
}
