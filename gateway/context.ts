/**
 * What the gateway's routes are given (everything injected: no route reaches for a global), and
 * the per-request helpers every route shares: who is signed in, on which account, and the guards
 * of the contract (a billing admin for changes, an operator for the status switch, the account a
 * page was rendered for). Web Request/Response only.
 */
import type { CatalogIndex } from './config/billing-catalog'
import type { HealthMonitor } from './health'
import { forbidden, GatewayError, unauthenticated, accountChanged, maintenanceError } from './http/errors'
import type { Directory, DirectoryAccount, DirectoryUser } from './identity/directory'
import type { PasswordVerifier } from './identity/password-format'
import type { OwnStore } from './own/own-store'
import type { Clock, KeyValueStore } from './ports'
import type { AlertSink } from './alerts/pagerduty'
import type { FleetExchange } from './health/fleet-exchange'
import type { StatuspageWatcher } from './health/statuspage'
import type { ProviderTimings } from './http/provider-timing'
import type { FallbackStoreCounters } from './stores/fallback-store'
import type { OrderKeyStore } from './stores/order-keys'
import { readSessionId } from './stores/session-cookie'
import type { SessionStore } from './stores/sessions'
import type { StaleCopyStore } from './stores/stale-copy'
import type { ZuoraTransport } from './zuora/transport'

export type IdentityConfig =
  /** Email and password against the directory's scrypt hashes. */
  | { mode: 'password'; verify: PasswordVerifier }
  /** Simulated mode only: the demo users sign in by email. */
  | { mode: 'email-only' }
  /** The single-sign-on proxy in front names the user in this header (lower case). */
  | { mode: 'header'; header: string }

export type Timeouts = {
  /** A read an admin waits on: under the app's own 5 s read time-out, so the gateway answers first. */
  readMs: number
  /** A write other than an order (billing details, a payment page signature). */
  writeMs: number
  /** An order: under the app's 15 s write time-out; past it the outcome is looked up, never guessed. */
  orderMs: number
}

export const defaultTimeouts: Timeouts = { readMs: 4_000, writeMs: 10_000, orderMs: 12_000 }

export type GatewayDeps = {
  clock: Clock
  transport: ZuoraTransport
  catalog: CatalogIndex
  directory: Directory
  identity: IdentityConfig
  sessions: SessionStore
  staleCopy: StaleCopyStore
  orderKeys: OrderKeyStore
  /** Quotes, the invoice index and small caches: the gateway's own short-lived data. */
  store: KeyValueStore
  own: OwnStore
  health: HealthMonitor
  /** Origins allowed to write (the app's); the request's own origin is always allowed. */
  allowedOrigins: readonly string[]
  timeouts: Timeouts
  /**
   * Payment Pages 2.0: the hosted page's id at Zuora, the URI its signature is for, and, in
   * simulated mode only, how a card typed on the simulated page reaches the simulator.
   */
  paymentPages: {
    pageId: string
    uri: string
    simulatedCompletion?: (input: {
      token: string
      accountId: string
      card: SimulatedCard
    }) => Promise<{ ok: true } | { ok: false; fields: Record<string, string> }>
  }
  /**
   * The headers the session cookie travels in: Cookie and Set-Cookie, except inside MSW in a page,
   * where the Fetch standard hides both from script and the host carries them in headers of its own.
   */
  cookieHeaders: CookieHeaders
  /** Simulated mode: faults of the gateway's own (own-api-down). */
  faults?: { ownApiDown(): boolean }
  /** One JSON line per event; the Node host writes them to stdout. */
  log: (event: Record<string, unknown>) => void
  /** This instance's name in the fleet (logs, metrics, the probe lease's holder). */
  instanceId: string
  /** Where operators' alerts go: a PagerDuty Events API v2 webhook, or the log. */
  alerts: AlertSink
  /** Zuora's status page, read as a hint (health/statuspage.ts); absent when not configured. */
  statuspage?: StatuspageWatcher
  /** A fleet's exchange of health views (record 030); absent for one instance. */
  fleet?: FleetExchange
  /** Where state lives now: memory (one instance), the fleet's Redis, or this instance's own while Redis fails. */
  storeMode: () => 'memory' | 'shared' | 'local'
  storeCounters: () => FallbackStoreCounters | null
  /** The Zuora calls made for each request being answered: its `Server-Timing` (http/provider-timing.ts). */
  providerTimings: ProviderTimings
}

export type CookieHeaders = { request: string; response: string }

export const standardCookieHeaders: CookieHeaders = { request: 'cookie', response: 'Set-Cookie' }

export type SimulatedCard = { cardNumber: string; expMonth: number; expYear: number; holderName: string }

export type SignedIn = {
  user: DirectoryUser
  account: DirectoryAccount
  sessionId: string | null
}

/** The header with the account a page was rendered for (src/lib/api/request.ts sends it). */
export const ACCOUNT_HEADER = 'x-billing-account'

export async function signedIn(deps: GatewayDeps, request: Request): Promise<SignedIn | null> {
  const sessionId = readSessionId(request, deps.cookieHeaders.request)
  const session = sessionId ? await deps.sessions.read(sessionId) : null
  let user: DirectoryUser | undefined
  if (deps.identity.mode === 'header') {
    const email = request.headers.get(deps.identity.header)?.trim().toLowerCase()
    const named = email && deps.directory.users.find((u) => u.email === email.slice(email.lastIndexOf(':') + 1))
    if (!named) return null
    // The proxy says who; the session, when it is that user's, says which of their accounts.
    user = named
    const accountId = session?.userId === named.id ? session.accountId : named.accountIds[0]
    const account = deps.directory.accounts.find((a) => a.id === accountId)
    return account ? { user, account, sessionId: session?.userId === named.id ? sessionId : null } : null
  }
  if (!session || !sessionId) return null
  user = deps.directory.users.find((u) => u.id === session.userId)
  const account = deps.directory.accounts.find((a) => a.id === session.accountId)
  // A user removed from the directory, or from the account, is signed out by the directory itself.
  if (!user || !account || !user.accountIds.includes(account.id)) return null
  return { user, account, sessionId }
}

export async function requireSession(deps: GatewayDeps, request: Request): Promise<SignedIn> {
  const who = await signedIn(deps, request)
  if (!who) throw unauthenticated()
  // A tab still showing one account after another tab switched: refuse rather than act on the other.
  const claimed = request.headers.get(ACCOUNT_HEADER)
  if (claimed !== null && claimed !== who.account.id) throw accountChanged()
  return who
}

export async function requireBillingAdmin(deps: GatewayDeps, request: Request): Promise<SignedIn> {
  const who = await requireSession(deps, request)
  if (who.user.role !== 'billing_admin') throw forbidden()
  return who
}

export async function requireOperator(deps: GatewayDeps, request: Request, message: string): Promise<SignedIn> {
  const who = await requireSession(deps, request)
  if (who.user.role !== 'operator') throw forbidden(message)
  return who
}

/** Provider-backed writes are refused while operators have billing in maintenance. */
export async function refuseDuringMaintenance(deps: GatewayDeps): Promise<void> {
  if ((await deps.own.read()).status.maintenance.enabled) throw maintenanceError()
}

export function ownApiAvailable(deps: GatewayDeps): void {
  if (deps.faults?.ownApiDown())
    throw new GatewayError(503, 'service_unavailable', 'The billing API is unavailable.', {
      headers: { 'Retry-After': '5' },
    })
}

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * The origin the browser used: nginx in front says it in X-Forwarded-Proto and X-Forwarded-Host
 * (deploy/nginx/); without them, the request's own. The gateway listens on loopback behind nginx
 * (its default HOST), so these headers come from nginx, not from the browser.
 */
export function publicOrigin(request: Request): string {
  const url = new URL(request.url)
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim()
  if ((proto === 'http' || proto === 'https') && host && /^[\w.-]+(:\d{1,5})?$|^\[[\da-f:]+\](:\d{1,5})?$/i.test(host))
    return `${proto}://${host.toLowerCase()}`
  return url.origin
}
