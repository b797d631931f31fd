/**
 * Reports to the operators' alert intake. Breaker opened/closed is reported once per incident by
 * whichever tab saw the change (remembered in localStorage, so other tabs and reloads do not
 * repeat it); each attempt at a blocked action is reported and the intake counts them. Sent with
 * keepalive so that a report survives the tab closing.
 */
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { AlertInput, Capability } from '@/lib/api/schemas'

const sentKey = 'billing-alerts-sent'
const maxRemembered = 50

function alreadySent(id: string): boolean {
  try {
    const sent = JSON.parse(localStorage.getItem(sentKey) ?? '[]') as unknown
    if (Array.isArray(sent) && sent.includes(id)) return true
    const list = Array.isArray(sent) ? sent.filter((item): item is string => typeof item === 'string') : []
    localStorage.setItem(sentKey, JSON.stringify([...list, id].slice(-maxRemembered)))
    return false
  } catch {
    return false
  }
}

function send(alert: AlertInput): void {
  callApi(endpoints.postAlert, { body: alert, keepalive: true }).catch(() => {
    // The intake is the vendor's own API; if it is down too there is nobody to tell.
  })
}

export function reportBreakerChange(kind: 'breaker_open' | 'breaker_closed', capability: Capability, incidentId: string): void {
  if (typeof localStorage !== 'undefined' && alreadySent(`${kind}:${incidentId}`)) return
  send({ kind, capability, incidentId, occurredAt: new Date().toISOString(), detail: null })
}

export function reportBlockedAction(action: string, capability: Capability | null, incidentId: string): void {
  send({ kind: 'blocked_action', capability, incidentId, occurredAt: new Date().toISOString(), detail: action })
}
