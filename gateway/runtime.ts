/**
 * What runs beside the requests: every Zuora call reported to the health detector (the observer
 * given to the transport), its clock ticked, synthetic probes sent when traffic is thin, and each
 * change of the published report written into the status page with what was seen.
 */
import type { Capability } from '../src/lib/api/schemas'
import { zuoraAccountIdOf } from './billing/invoice-index'
import { withProvider } from './billing/provider-call'
import type { GatewayDeps } from './context'
import type { CallOutcome, CapabilityHealth, HealthMonitor } from './health'
import { healthRank, type ComponentHealth } from './health/calls'
import { applyHealthToIncidents } from './own/incidents'
import { addTimeline, changeStatus, componentEntryMessage, setComponentHealth } from './own/status'
import { callOperation, type OperationContext } from './zuora/adapter/operation'
import type { ZuoraCallError } from './zuora/errors'
import type { ZuoraCallObserver } from './zuora/transport'

/** What a failed call says about Zuora's health, read narrowly: business refusals, auth and idempotency answers say Zuora is up. */
export function outcomeOf(error: ZuoraCallError | null, status: number | null, abandoned: boolean): CallOutcome {
  if (abandoned) return { type: 'ignored' }
  if (!error) return { type: 'ok' }
  switch (error.kind) {
    case 'unavailable':
      return { type: 'failure', kind: status === 200 ? 'retryable_error' : '5xx' }
    case 'timeout':
    case 'network':
    case 'malformed':
      return { type: 'failure', kind: error.kind }
    case 'shed':
      return { type: 'shed', retryAfterMs: error.retryAfterMs ?? 0 }
    default:
      return { type: 'ignored' }
  }
}

/** The transport's observer: every call's start and end go to the detector. */
export function healthObserver(health: HealthMonitor): ZuoraCallObserver {
  return {
    started(call) {
      if (call.capability) health.started(call.capability, String(call.id), call.startedAt)
    },
    finished(call) {
      if (!call.capability) return
      health.record({
        capability: call.capability,
        startedAt: call.startedAt,
        endedAt: call.endedAt,
        outcome: outcomeOf(call.error, call.status, call.abandoned),
        id: String(call.id),
        probe: call.probe,
      })
    },
  }
}

/** One cheap read per capability, on the first account of the directory. */
function probeCall(deps: GatewayDeps, capability: Capability, context: OperationContext): Promise<unknown> {
  const account = deps.directory.accounts[0]
  if (!account) return Promise.resolve()
  const accountKey = { 'account-key': account.zuoraAccountNumber }
  switch (capability) {
    case 'subscription':
      return callOperation(context, 'getSubscriptionsByAccount', {
        capability,
        params: accountKey,
        query: [['pageSize', '1']],
      })
    case 'invoices':
      // One account's newest invoice: a query over the whole tenant can be the slowest call there is.
      return zuoraAccountIdOf(deps, context, account).then((id) =>
        callOperation(context, 'queryInvoices', {
          capability,
          query: [
            ['filter[]', `accountId.EQ:${id}`],
            ['pageSize', '1'],
          ],
        }),
      )
    case 'payments':
      return callOperation(context, 'getDefaultPaymentMethod', { capability, params: accountKey }).catch(
        (error: unknown) => {
          // No card on file is an answer: Zuora is up.
          if ((error as ZuoraCallError).kind === 'rejected') return null
          throw error
        },
      )
    case 'billingDetails':
      return callOperation(context, 'getAccount', { capability, params: accountKey })
  }
}

/** For a report that has no component backing the capability (the seed has one for each). */
const componentNames: Record<Capability, string> = {
  subscription: 'Subscriptions and orders',
  invoices: 'Invoices and PDFs',
  payments: 'Payments',
  billingDetails: 'Billing contacts',
}

/** How often the detector is ticked and due probes are sent (the bench simulates at the same step). */
export const RUNTIME_TICK_MS = 100

/** How often a fleet's instances write and read each other's views (record 030). */
export const FLEET_SYNC_MS = 250

/** How often the report is checked against what this instance publishes (and how long that must have held). */
export const REPORT_RECONCILE_MS = 2_000

export type GatewayRuntime = {
  start(): void
  stop(): void
  /**
   * One step now: the detector evaluated and the due probes sent, as the interval does every
   * `tickMs`. For a host whose clock is simulated (the designers' gallery opens a gateway that has
   * already seen a fault: src/dev/gallery/gateway-seen-fault.ts), stepping as its clock moves.
   */
  tick(): void
}

export function createGatewayRuntime(deps: GatewayDeps, options: { tickMs?: number } = {}): GatewayRuntime {
  const tickMs = options.tickMs ?? RUNTIME_TICK_MS
  let timer: ReturnType<typeof setInterval> | undefined
  let fleetTimer: ReturnType<typeof setInterval> | undefined
  let statuspageTimer: ReturnType<typeof setInterval> | undefined
  let reconcileTimer: ReturnType<typeof setInterval> | undefined
  let probes = 0
  let unsubscribe: (() => void) | undefined

  const probe = (capability: Capability) => {
    probes += 1
    void withProvider(
      deps,
      capability,
      { requestId: `probe-${capability}-${probes}`, timeoutMs: deps.timeouts.readMs },
      (context) => probeCall(deps, capability, context),
    ).catch(() => undefined) // its outcome went to the detector through the observer
  }

  /**
   * Writes `current` into the report (a timeline entry, the incident, its alert) unless `skip`
   * says the report already shows what it must.
   */
  const writeReport = (
    capability: Capability,
    current: CapabilityHealth,
    atMs: number,
    skip: (shown: ComponentHealth) => boolean,
  ): Promise<void> => {
    const at = new Date(atMs)
    return deps.own
      .mutate((draft) => {
        const shown = draft.status.components.find((c) => c.capability === capability)?.status
        if (shown !== undefined && skip(shown)) return null
        changeStatus(draft, at, (d) => {
          setComponentHealth(d, capability, current.published, at)
          // Named as the report names it, so that the page can match the entry to its component.
          const name = d.status.components.find((c) => c.capability === capability)?.name
          const message = componentEntryMessage(
            name ?? componentNames[capability],
            current.published,
            current.evidence.summary,
          )
          addTimeline(d, 'component', message, at.toISOString())
        })
        return applyHealthToIncidents(draft, capability, current.published, current.evidence.summary, at)
      })
      .then((incident) => (incident ? deps.alerts.notify(incident.action, incident.incident) : undefined))
      .catch((error: unknown) => deps.log({ event: 'status_write_failed', message: String(error) }))
  }

  /**
   * The report is written on each change only; a write that failed (the store did not answer) or
   * was overwritten (an instance that was alone giving back its older document, a tab of the page
   * gateway saving over another's) would leave it wrong until the next change. So, every
   * REPORT_RECONCILE_MS, a state this instance has published for at least that long and the
   * report does not show is written again.
   */
  let reconciling = false
  const reconcile = async () => {
    if (reconciling) return
    reconciling = true
    try {
      const now = deps.clock.now()
      const { capabilities } = deps.health.snapshot(now)
      const shown = new Map((await deps.own.read()).status.components.map((c) => [c.capability, c.status]))
      for (const capability of Object.keys(capabilities) as Capability[]) {
        const current = capabilities[capability]
        const inReport = shown.get(capability)
        if (inReport === undefined || inReport === current.published || now - current.since < REPORT_RECONCILE_MS)
          continue
        deps.log({ event: 'health_rewritten', capability, health: current.published, report: inReport })
        await writeReport(capability, current, now, (again) => again === current.published)
      }
    } catch (error) {
      deps.log({ event: 'status_write_failed', message: String(error) })
    } finally {
      reconciling = false
    }
  }

  const tick = () => {
    deps.health.tick()
    for (const capability of deps.health.dueProbes()) probe(capability)
  }

  return {
    tick,
    start() {
      unsubscribe = deps.health.subscribe((change) => {
        if (change.previous.published === change.current.published) return
        const { capability, current, previous } = change
        deps.log({ event: 'health', capability, health: current.published, evidence: current.evidence })
        // A fleet: every instance publishes the same change within a moment of the others; the
        // first to write it records it (and alerts), the others find it done. An instance that
        // lags a step behind (still stepping down from `down` when another already wrote
        // `operational`) changes nothing either.
        const worse = healthRank[current.published] > healthRank[previous.published]
        void writeReport(capability, current, change.at, (shown) =>
          worse
            ? healthRank[shown] >= healthRank[current.published]
            : healthRank[shown] <= healthRank[current.published],
        )
      })
      timer = setInterval(tick, tickMs)
      reconcileTimer = setInterval(() => void reconcile(), REPORT_RECONCILE_MS)
      const { fleet } = deps
      if (fleet) fleetTimer = setInterval(() => void fleet.sync(deps.health, deps.clock.now()), FLEET_SYNC_MS)
      const { statuspage } = deps
      if (statuspage) {
        const read = () => void statuspage.poll().then(() => deps.health.setHint(statuspage.current()))
        read()
        statuspageTimer = setInterval(read, statuspage.everyMs)
      }
    },
    stop() {
      clearInterval(timer)
      clearInterval(reconcileTimer)
      clearInterval(fleetTimer)
      clearInterval(statuspageTimer)
      unsubscribe?.()
    },
  }
}
