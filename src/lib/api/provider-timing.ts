/**
 * How long the provider took over an answer, as the gateway says it in the standard `Server-Timing`
 * header (`zuora;dur=2886;desc="slowest of 1 call"`, gateway/http/provider-timing.ts): the slowest
 * of the provider calls behind the answer, measured at the gateway, so free of this browser's own
 * delays. The call window (lib/resilience/call-window.ts) counts a read the provider took
 * `providerSlowMs` over as slow, where this browser's own clock needs 3 s to be sure.
 */

/** The metric the gateway names the provider's time by (gateway/http/provider-timing.ts writes it). */
export const providerTimingMetric = 'zuora'

/**
 * The metric's `dur` in ms, or null when the answer does not carry it, or carries something that is
 * not a duration (a proxy's header, a tampered one): it then says nothing, as if absent.
 */
export function providerTimingMs(header: string | null): number | null {
  if (header === null) return null
  for (const entry of header.split(',')) {
    const [name, ...params] = entry.split(';').map((part) => part.trim())
    if (name?.toLowerCase() !== providerTimingMetric) continue
    for (const param of params) {
      const match = /^dur\s*=\s*"?(\d+(?:\.\d+)?)"?$/i.exec(param)
      if (!match) continue
      const ms = Number(match[1])
      return Number.isFinite(ms) ? ms : null
    }
    return null
  }
  return null
}
