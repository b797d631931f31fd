/**
 * While a capability's breaker is open, each tab asks once a tick whether a probe is due; the
 * breaker (cockatiel) answers at once, sending nothing, until its jittered wait is over, then lets
 * exactly one call through. Because the tabs share the breaker state (shared-breaker.ts), the
 * first tab to probe resets the others' wait: one probe per interval for the whole browser.
 */
import { breaker as settings } from '@/config/resilience'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { Capability } from '@/lib/api/schemas'
import { breakers, capabilities } from './breakers'
import { probeGate } from './probe-gate'

/** The cheapest read of each capability. */
const probes: Record<Capability, () => Promise<unknown>> = {
  subscription: () => callApi(endpoints.getSubscription),
  invoices: () => callApi(endpoints.getInvoices, { query: { limit: '1' } }),
  payments: () => callApi(endpoints.getPaymentMethod),
  billingDetails: () => callApi(endpoints.getBillingDetails),
}

export function probeDueCapabilities(now = Date.now()): void {
  for (const capability of capabilities) {
    // Half-open means a probe is already running: asking now would queue a second call behind it.
    if (breakers[capability].state !== 'open' || !probeGate.allows(capability, now)) continue
    probes[capability]().catch(() => {
      // Still down (or not yet due): the breaker has recorded it.
    })
  }
}

/** Starts the ticking; returns the way to stop it. */
export function startProber(): () => void {
  const timer = setInterval(() => probeDueCapabilities(), settings.probeTickMs)
  return () => clearInterval(timer)
}
