/**
 * Tells the operators of an incident through a webhook that speaks PagerDuty's Events API v2
 * (`POST https://events.pagerduty.com/v2/enqueue`): `trigger` when a capability's report leaves
 * operational or worsens, `resolve` when it is back, both under the incident's `dedup_key`, so
 * PagerDuty shows one incident however often it is told. Sent by the one instance that recorded
 * the change (own/incidents.ts). A failed send is retried a few times with backoff, then logged:
 * the report and the status page do not wait on it.
 */
import type { HttpClient } from '../ports'
import type { Incident } from '../own/incidents'

export type AlertSink = { notify(action: 'trigger' | 'resolve', incident: Incident): Promise<void> }

export type PagerDutyOptions = {
  url: string
  routingKey: string
  http: HttpClient
  /** This instance's name: the event's `source`. */
  source: string
  log: (event: Record<string, unknown>) => void
  /** Waits between attempts (ms); the tests pass short ones. */
  backoffMs?: readonly number[]
  timeoutMs?: number
}

const capabilityNames: Record<Incident['capability'], string> = {
  subscription: 'Subscriptions and orders',
  invoices: 'Invoices and PDFs',
  payments: 'Payments',
  billingDetails: 'Billing contacts',
}

/** The event's body, as the Events API v2 reference describes it. */
export function pagerDutyEvent(action: 'trigger' | 'resolve', incident: Incident, routingKey: string, source: string) {
  if (action === 'resolve') return { routing_key: routingKey, event_action: 'resolve', dedup_key: incident.key }
  const summary = `Billing ${capabilityNames[incident.capability]} ${incident.health}: ${incident.summary}`
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: incident.key,
    payload: {
      summary: summary.slice(0, 1024),
      source,
      severity: incident.health === 'down' ? 'critical' : 'warning',
      timestamp: incident.changedAt,
      component: incident.capability,
      group: 'zuora',
      class: `billing-${incident.health}`,
      custom_details: { openedAt: incident.openedAt, browserReports: incident.browserReports },
    },
  }
}

export function createPagerDutySink(options: PagerDutyOptions): AlertSink {
  const backoffMs = options.backoffMs ?? [1_000, 4_000, 15_000]
  const timeoutMs = options.timeoutMs ?? 5_000
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  async function sendOnce(body: unknown): Promise<'sent' | 'retry' | 'refused'> {
    try {
      const answer = await options.http(
        new Request(options.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        }),
      )
      await answer.body?.cancel()
      if (answer.status === 202 || answer.ok) return 'sent'
      // 400: the event is wrong (the routing key, say); sending it again cannot help.
      return answer.status === 429 || answer.status >= 500 ? 'retry' : 'refused'
    } catch {
      return 'retry'
    }
  }

  return {
    async notify(action, incident) {
      const body = pagerDutyEvent(action, incident, options.routingKey, options.source)
      for (let attempt = 0; attempt <= backoffMs.length; attempt++) {
        const outcome = await sendOnce(body)
        if (outcome !== 'retry') {
          options.log({ event: 'alert', action, incident: incident.key, outcome, attempts: attempt + 1 })
          return
        }
        const wait = backoffMs[attempt]
        if (wait !== undefined) await pause(wait)
      }
      options.log({ event: 'alert', action, incident: incident.key, outcome: 'failed', attempts: backoffMs.length + 1 })
    },
  }
}

/** No webhook configured: the log is the operators' only alert. */
export function createLogAlertSink(log: (event: Record<string, unknown>) => void): AlertSink {
  return {
    async notify(action, incident) {
      log({ event: 'alert', action, incident: incident.key, health: incident.health, summary: incident.summary })
    },
  }
}
