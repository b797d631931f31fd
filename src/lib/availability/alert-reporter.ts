/**
 * Reports to the operators' alert intake.
 * - Breaker opened/closed is reported once per incident by whichever tab saw the change (other
 *   tabs and reloads do not repeat it).
 * - A blocked action is reported at most once a minute per action in this browser: how many people
 *   an outage stops is what operators need, not how often one of them clicks.
 * - A render error (a section or a page that could not be shown: a bug of this app, or data it did
 *   not expect) likewise at most once a minute per place, with the error's name and message.
 * - An alert counts as sent only when the intake accepted it (2xx). Until then it waits in a small
 *   outbox in localStorage, shared by the tabs, and is sent again with a backoff (2, 4, 8, 16 s, or
 *   the intake's Retry-After if longer), so neither a failing intake nor a reload loses it; after
 *   `maxAttempts` it is given up. Sent with keepalive, so a report survives the tab closing.
 * Everything read back from storage is checked; what does not parse is ignored, never trusted.
 */
import { z } from 'zod/mini'
import { endpoints } from '@/lib/api/contract'
import { isApiError } from '@/lib/api/errors'
import { callApi } from '@/lib/api/request'
import { alertInputSchema, type AlertInput, type Capability } from '@/lib/api/schemas'
import { alertOutboxKey } from './alert-outbox'

export const alertDelivery = {
  /** A blocked action is reported at most once per this, per action. */
  throttleMs: 60_000,
  /** Attempts at sending one alert before it is given up. */
  maxAttempts: 5,
  initialDelayMs: 2_000,
  maxDelayMs: 60_000,
  /** A Retry-After longer than this is not honoured as such (the delay is capped to it). */
  maxRetryAfterMs: 300_000,
  /** Alerts waiting at most; the oldest goes when a new one comes. */
  maxPending: 20,
  /** How long a tab that is sending an alert keeps the others from sending it too. */
  leaseMs: 15_000,
}

const SENT_KEY = 'billing-alerts-sent'
const THROTTLE_KEY = 'billing-alerts-throttle'
const OUTBOX_KEY = alertOutboxKey
const maxRemembered = 50

const outboxEntrySchema = z.object({
  /** What the alert is, for deduplication: `breaker_open:<incident>`, or unique for a blocked action. */
  id: z.string(),
  /** Remember the id once accepted, so that the alert is never sent again (breaker changes). */
  once: z.boolean(),
  alert: alertInputSchema,
  attempts: z.int().check(z.nonnegative()),
  /** When it may be sent (again), ms since the epoch. */
  nextAt: z.number(),
  /** A tab is sending it until then. */
  sendingUntil: z.number(),
})
type OutboxEntry = z.infer<typeof outboxEntrySchema>

// ------------------------------------------------------------------ storage

/** Where localStorage is blocked, the same lists live in memory (this tab only). */
const memory = new Map<string, string>()

function readRaw(key: string): string | null {
  try {
    if (typeof localStorage !== 'undefined') return localStorage.getItem(key)
  } catch {
    // blocked: memory below
  }
  return memory.get(key) ?? null
}

function write(key: string, value: unknown): void {
  const raw = JSON.stringify(value)
  try {
    if (typeof localStorage !== 'undefined') {
      localStorage.setItem(key, raw)
      return
    }
  } catch {
    // blocked or full: memory below
  }
  memory.set(key, raw)
}

function readJson(key: string): unknown {
  try {
    return JSON.parse(readRaw(key) ?? 'null')
  } catch {
    return null
  }
}

function readOutbox(): OutboxEntry[] {
  const stored = readJson(OUTBOX_KEY)
  if (!Array.isArray(stored)) return []
  return stored.flatMap((value) => {
    const entry = outboxEntrySchema.safeParse(value)
    return entry.success ? [entry.data] : []
  })
}

const writeOutbox = (entries: OutboxEntry[]) => write(OUTBOX_KEY, entries.slice(-alertDelivery.maxPending))

function readSent(): string[] {
  const stored = readJson(SENT_KEY)
  return Array.isArray(stored) ? stored.filter((item): item is string => typeof item === 'string') : []
}

function readThrottle(now: number): Record<string, number> {
  const stored = readJson(THROTTLE_KEY)
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return {}
  // A time in the future (a clock changed, a hand-edited entry) would silence the action for good: dropped.
  return Object.fromEntries(
    Object.entries(stored).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] <= now,
    ),
  )
}

// ------------------------------------------------------------------ delivery

let timer: ReturnType<typeof setTimeout> | undefined

function retryDelayMs(attempts: number, error: unknown): number {
  const backoff = Math.min(alertDelivery.maxDelayMs, alertDelivery.initialDelayMs * 2 ** (attempts - 1))
  const retryAfter = isApiError(error) ? Math.min(error.retryAfterMs ?? 0, alertDelivery.maxRetryAfterMs) : 0
  return Math.max(backoff, retryAfter)
}

/** Changes the stored entry `id` (another tab may have changed the rest meanwhile). */
function updateEntry(id: string, change: (entry: OutboxEntry) => OutboxEntry | null): void {
  writeOutbox(
    readOutbox().flatMap((entry) =>
      entry.id === id ? [change(entry)].filter((e): e is OutboxEntry => e !== null) : [entry],
    ),
  )
}

async function deliver(entry: OutboxEntry): Promise<void> {
  try {
    await callApi(endpoints.postAlert, { body: entry.alert, keepalive: true })
  } catch (error) {
    const attempts = entry.attempts + 1
    const now = Date.now()
    // Refused for what it is (a 4xx other than 429): sending it again would be refused again.
    const hopeless = isApiError(error) && error.kind === 'http' && (error.status ?? 0) < 500 && error.status !== 429
    updateEntry(entry.id, (stored) =>
      hopeless || attempts >= alertDelivery.maxAttempts
        ? null
        : { ...stored, attempts, nextAt: now + retryDelayMs(attempts, error), sendingUntil: 0 },
    )
    schedule()
    return
  }
  updateEntry(entry.id, () => null)
  if (entry.once) write(SENT_KEY, [...readSent().filter((id) => id !== entry.id), entry.id].slice(-maxRemembered))
}

/** Plans the next look at the outbox, for its earliest alert not due yet. */
function schedule(): void {
  clearTimeout(timer)
  timer = undefined
  const now = Date.now()
  const next = Math.min(...readOutbox().map((entry) => Math.max(entry.nextAt, entry.sendingUntil)))
  if (!Number.isFinite(next)) return
  timer = setTimeout(flushAlertOutbox, Math.max(0, next - now))
}

/**
 * Sends every alert of the outbox that is due and that no tab is sending. The app calls it when it
 * starts (what a previous page left is sent) and it runs after each report and each failure.
 */
export function flushAlertOutbox(): void {
  const now = Date.now()
  const entries = readOutbox()
  const due = entries.filter((entry) => entry.nextAt <= now && entry.sendingUntil <= now)
  if (due.length > 0) {
    const taken = new Set(due.map((entry) => entry.id))
    writeOutbox(
      entries.map((entry) => (taken.has(entry.id) ? { ...entry, sendingUntil: now + alertDelivery.leaseMs } : entry)),
    )
    for (const entry of due) void deliver(entry)
  }
  schedule()
}

function enqueue(id: string, once: boolean, alert: AlertInput): void {
  const entries = readOutbox()
  if (entries.some((entry) => entry.id === id)) return
  writeOutbox([...entries, { id, once, alert, attempts: 0, nextAt: 0, sendingUntil: 0 }])
  flushAlertOutbox()
}

// ------------------------------------------------------------------ reports

export function reportBreakerChange(
  kind: 'breaker_open' | 'breaker_closed',
  capability: Capability,
  incidentId: string,
): void {
  const id = `${kind}:${incidentId}`
  if (readSent().includes(id)) return
  enqueue(id, true, { kind, capability, incidentId, occurredAt: new Date().toISOString(), detail: null })
}

/**
 * Whether `key` may be reported now (at most once per `alertDelivery.throttleMs` in this browser);
 * if so, remembers that it was.
 */
function takeThrottle(key: string, now: number): boolean {
  const throttle = readThrottle(now)
  const last = throttle[key]
  if (last !== undefined && now - last < alertDelivery.throttleMs) return false
  const kept = Object.entries({ ...throttle, [key]: now })
    .sort(([, a], [, b]) => a - b)
    .slice(-maxRemembered)
  write(THROTTLE_KEY, Object.fromEntries(kept))
  return true
}

export function reportBlockedAction(action: string, capability: Capability | null, incidentId: string): void {
  const now = Date.now()
  const throttleKey = `blocked_action:${action}`
  if (!takeThrottle(throttleKey, now)) return
  const occurredAt = new Date(now).toISOString()
  enqueue(`${throttleKey}:${occurredAt}`, false, {
    kind: 'blocked_action',
    capability,
    incidentId,
    occurredAt,
    detail: action,
  })
}

/**
 * A section or page threw while rendering (section-boundary.tsx, route-error-boundary.tsx): the
 * admin sees the fallback, the operators learn where and what, at most once a minute per place.
 */
export function reportRenderError(where: string, error: unknown): void {
  const now = Date.now()
  const throttleKey = `render_error:${where}`
  if (!takeThrottle(throttleKey, now)) return
  const occurredAt = new Date(now).toISOString()
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  enqueue(`${throttleKey}:${occurredAt}`, false, {
    kind: 'render_error',
    capability: null,
    incidentId: `render-${now}`,
    occurredAt,
    detail: `${where} — ${what}`.slice(0, 500),
  })
}
