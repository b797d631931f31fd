/**
 * Zuora's public status page (an Atlassian Statuspage, `GET /api/v2/summary.json`) read as a hint,
 * never as a signal: in a 2024 NA1 degradation its component stayed `operational` throughout, and
 * it is updated by hand, late. What it may do (record 025, "Statuspage"): when it says the tenant's
 * component is in trouble, the detector probes at its suspect cadence (so its own calls decide
 * sooner), and operators read what the page said beside what the calls showed. It never makes a
 * capability degraded or down by itself, and its silence proves nothing.
 */
import { z } from 'zod'
import type { Clock, HttpClient } from '../ports'

export type StatuspageHint = {
  /** The page says the component (or the whole page, without one configured) is not operational. */
  troubled: boolean
  /** What the page said, for operators: "NA1 Production API: partial_outage". */
  said: string
  /** When it was read (ms). */
  at: number
}

const summarySchema = z.object({
  status: z.object({ indicator: z.string(), description: z.string() }),
  components: z.array(z.object({ name: z.string(), status: z.string() })).default([]),
})

/** Component states that are trouble; `under_maintenance` is Zuora's own, announced: trouble too. */
const troubledStates = new Set(['degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'])

/**
 * The hint in a summary: the named component's state (the first whose name contains `component`,
 * case-insensitively), else the page's overall indicator. Null when the answer is not a summary.
 */
export function hintFromSummary(body: unknown, component: string | null, at: number): StatuspageHint | null {
  const parsed = summarySchema.safeParse(body)
  if (!parsed.success) return null
  const { status, components } = parsed.data
  if (component) {
    const wanted = component.toLowerCase()
    const found = components.find((each) => each.name.toLowerCase().includes(wanted))
    if (found) return { troubled: troubledStates.has(found.status), said: `${found.name}: ${found.status}`, at }
  }
  return { troubled: status.indicator !== 'none', said: `${status.indicator}: ${status.description}`, at }
}

export type StatuspageWatcher = {
  /** The last hint read, or null (never read, or the last read failed: no hint is no signal). */
  current(): StatuspageHint | null
  /** Reads the page now (the runtime calls it every `everyMs`). Never rejects. */
  poll(): Promise<void>
  readonly everyMs: number
}

export function createStatuspageWatcher(options: {
  url: string
  component: string | null
  http: HttpClient
  clock: Clock
  log: (event: Record<string, unknown>) => void
  everyMs?: number
}): StatuspageWatcher {
  let hint: StatuspageHint | null = null
  return {
    everyMs: options.everyMs ?? 60_000,
    current: () => hint,
    async poll() {
      const previous = hint
      try {
        const answer = await options.http(
          new Request(options.url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(5_000) }),
        )
        hint = answer.ok ? hintFromSummary(await answer.json(), options.component, options.clock.now()) : null
      } catch {
        hint = null
      }
      if ((previous?.said ?? null) !== (hint?.said ?? null))
        options.log({ event: 'statuspage', troubled: hint?.troubled ?? null, said: hint?.said ?? 'unreadable' })
    },
  }
}
