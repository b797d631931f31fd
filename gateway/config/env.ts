/**
 * The gateway's configuration from its environment, checked before it starts: every mistake is
 * listed at once, each naming the variable (or the place in a file) and what to do, so an
 * operator fixes them in one go instead of one restart at a time.
 *
 *   PORT, HOST                 where to listen (8080 on 127.0.0.1: nginx in front)
 *   ZUORA_BASE_URL             Zuora's REST endpoint for the tenant, e.g. https://rest.apisandbox.zuora.com
 *   ZUORA_CLIENT_ID/_SECRET    an OAuth client of the tenant (Settings → Administration → Manage Users → OAuth Clients)
 *   ZUORA_PAYMENT_PAGE_ID      the Payment Pages 2.0 page for card updates
 *   ZUORA_PAYMENT_PAGE_URI     what that page's signatures are for (default: {ZUORA_BASE_URL}/apps/PublicHostedPageLite.do)
 *   BILLING_DIRECTORY          users, roles and accounts (JSON; deploy/gateway/directory.example.json)
 *   BILLING_CATALOG            plans, add-ons, promo codes and their Zuora ids (JSON; deploy/gateway/catalog.example.json)
 *   BILLING_IDENTITY_HEADER    optional: trust this header of the single-sign-on proxy in front for who is signed in
 *   BILLING_ALLOWED_ORIGINS    optional: other https origins that may write (the app's, when it is served elsewhere)
 *   BILLING_ROOT               optional: the built app to serve beside /api (dist/)
 *   STATUS_DELAY_MS            optional: hold the health report back this long (testing the browsers' fallback only)
 *   ZUORA_STATUSPAGE_URL       optional: Zuora's status page summary (https://trust.zuora.com/api/v2/summary.json), read
 *                              every minute as a hint (probes sooner), never as a signal
 *   ZUORA_STATUSPAGE_COMPONENT optional: the component to read there (part of its name, e.g. "NA1 Production API")
 *   REDIS_URL                  optional: redis:// or rediss:// shared by a fleet of instances (none: one instance, in memory)
 *   REDIS_COMMAND_TIMEOUT_MS   optional: a Redis command slower than this fails over to the instance's own state (default 250)
 *   INSTANCE_ID                optional: this instance's name in logs, metrics and the fleet (default: host name and pid)
 *   ALERT_WEBHOOK_URL          optional: where operators' alerts go, speaking PagerDuty's Events API v2
 *                              (https://events.pagerduty.com/v2/enqueue)
 *   ALERT_ROUTING_KEY          the integration's routing key (required with ALERT_WEBHOOK_URL)
 */
import { existsSync, readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { billingCatalogSchema, type BillingCatalog } from './billing-catalog'
import { parseDirectory, type Directory } from '../identity/directory'
import { DEFAULT_REDIS_COMMAND_TIMEOUT_MS } from '../stores/redis-store'

export type GatewayConfig = {
  port: number
  host: string
  zuora: { baseUrl: string; clientId: string; clientSecret: string }
  paymentPages: { pageId: string; uri: string }
  directory: Directory
  catalog: BillingCatalog
  identityHeader: string | null
  allowedOrigins: string[]
  root: string | null
  statusDelayMs: number
  statuspage: { url: string; component: string | null } | null
  /** The fleet's shared store; null: this instance keeps its state in memory. */
  redisUrl: string | null
  redisCommandTimeoutMs: number
  instanceId: string
  /** Operators' alerts (PagerDuty Events API v2); null: alerts go to the log only. */
  alerts: { url: string; routingKey: string } | null
  /** Not mistakes, but worth a line in the log (users who cannot sign in, say). */
  warnings: string[]
}

export type ConfigResult = { ok: true; config: GatewayConfig } | { ok: false; errors: string[] }

type Env = Readonly<Record<string, string | undefined>>

const loopback = new Set(['localhost', '127.0.0.1', '[::1]'])

function readJsonFile(name: string, path: string | undefined, errors: string[]): unknown {
  if (!path) {
    errors.push(`${name}: not set. Point it at a JSON file (see deploy/gateway/).`)
    return undefined
  }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    errors.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`)
    return undefined
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    errors.push(`${name}: ${path} is not valid JSON (${(error as Error).message}).`)
    return undefined
  }
}

function integer(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  errors: string[],
) {
  if (value === undefined || value.trim() === '') return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < min || number > max) {
    errors.push(`${name}: "${value}" is not a whole number from ${min} to ${max}.`)
    return fallback
  }
  return number
}

function httpsUrl(name: string, value: string | undefined, errors: string[], { required }: { required: boolean }) {
  if (!value || value.trim() === '') {
    if (required) errors.push(`${name}: not set.`)
    return null
  }
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    errors.push(`${name}: "${value}" is not a URL.`)
    return null
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback.has(url.hostname))) {
    errors.push(`${name}: must be https (plain http only on this machine's loopback), got ${url.protocol}//.`)
    return null
  }
  return url
}

export function readGatewayConfig(env: Env): ConfigResult {
  const errors: string[] = []
  const warnings: string[] = []
  const port = integer('PORT', env.PORT, 8080, 1, 65_535, errors)
  const host = env.HOST?.trim() || '127.0.0.1'

  const base = httpsUrl('ZUORA_BASE_URL', env.ZUORA_BASE_URL, errors, { required: true })
  const clientId = env.ZUORA_CLIENT_ID?.trim() ?? ''
  const clientSecret = env.ZUORA_CLIENT_SECRET ?? ''
  if (clientId === '')
    errors.push('ZUORA_CLIENT_ID: not set. Create an OAuth client for the gateway in the Zuora tenant.')
  if (clientSecret === '')
    errors.push('ZUORA_CLIENT_SECRET: not set (it is shown once, when the OAuth client is created).')
  const pageId = env.ZUORA_PAYMENT_PAGE_ID?.trim() ?? ''
  if (pageId === '')
    errors.push('ZUORA_PAYMENT_PAGE_ID: not set. Create a Payment Pages 2.0 credit card page in Zuora.')
  const pageUri = httpsUrl('ZUORA_PAYMENT_PAGE_URI', env.ZUORA_PAYMENT_PAGE_URI, errors, { required: false })

  const directoryJson = readJsonFile('BILLING_DIRECTORY', env.BILLING_DIRECTORY, errors)
  let directory: Directory | null = null
  if (directoryJson !== undefined) {
    const result = parseDirectory(JSON.stringify(directoryJson))
    if (result.ok) directory = result.directory
    else errors.push(...result.errors.map((error) => `BILLING_DIRECTORY ${env.BILLING_DIRECTORY}: ${error}`))
  }

  const catalogJson = readJsonFile('BILLING_CATALOG', env.BILLING_CATALOG, errors)
  let catalog: BillingCatalog | null = null
  if (catalogJson !== undefined) {
    const parsed = billingCatalogSchema.safeParse(catalogJson)
    if (parsed.success) catalog = parsed.data
    else
      errors.push(
        ...parsed.error.issues.map(
          (issue) => `BILLING_CATALOG ${env.BILLING_CATALOG}: ${issue.path.join('.') || '(file)'}: ${issue.message}`,
        ),
      )
  }

  const identityHeader = env.BILLING_IDENTITY_HEADER?.trim().toLowerCase() || null
  if (identityHeader !== null && !/^[a-z0-9-]+$/.test(identityHeader))
    errors.push(`BILLING_IDENTITY_HEADER: "${identityHeader}" is not a header name.`)
  if (identityHeader === null && directory) {
    const without = directory.users.filter((user) => user.passwordHash === undefined).map((user) => user.email)
    if (without.length > 0)
      warnings.push(
        `${without.length} user(s) have no passwordHash and cannot sign in (${without.slice(0, 5).join(', ')}): ` +
          'add one with `npm run gateway:hash-password`, or set BILLING_IDENTITY_HEADER behind a single-sign-on proxy.',
      )
  }

  const allowedOrigins = (env.BILLING_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .flatMap((origin) => {
      const url = httpsUrl('BILLING_ALLOWED_ORIGINS', origin, errors, { required: true })
      return url ? [url.origin] : []
    })

  const root = env.BILLING_ROOT?.trim() || null
  if (root !== null && !existsSync(join(root, 'index.html')))
    errors.push(`BILLING_ROOT: ${root} has no index.html. Build the app first (npm run build), or leave it unset.`)

  const statusDelayMs = integer('STATUS_DELAY_MS', env.STATUS_DELAY_MS, 0, 0, 600_000, errors)
  if (statusDelayMs > 0)
    warnings.push(`STATUS_DELAY_MS=${statusDelayMs}: the health report lags on purpose. Never in production.`)

  const statuspageUrl = httpsUrl('ZUORA_STATUSPAGE_URL', env.ZUORA_STATUSPAGE_URL, errors, { required: false })
  const statuspageComponent = env.ZUORA_STATUSPAGE_COMPONENT?.trim() || null
  if (statuspageComponent && !statuspageUrl)
    errors.push('ZUORA_STATUSPAGE_COMPONENT: set, but ZUORA_STATUSPAGE_URL is not.')

  const redisUrl = env.REDIS_URL?.trim() || null
  if (redisUrl !== null) {
    let url: URL | null = null
    try {
      url = new URL(redisUrl)
    } catch {
      errors.push(`REDIS_URL: "${redisUrl}" is not a URL (redis://host:6379/0 or rediss://…).`)
    }
    if (url && url.protocol !== 'redis:' && url.protocol !== 'rediss:')
      errors.push(`REDIS_URL: must start with redis:// or rediss://, got ${url.protocol}//.`)
  }
  const redisCommandTimeoutMs = integer(
    'REDIS_COMMAND_TIMEOUT_MS',
    env.REDIS_COMMAND_TIMEOUT_MS,
    DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
    10,
    10_000,
    errors,
  )
  const instanceId = env.INSTANCE_ID?.trim() || `${hostname()}-${process.pid}`
  if (!/^[\w.-]{1,64}$/.test(instanceId))
    errors.push(`INSTANCE_ID: "${instanceId}" may hold only letters, digits, '.', '_' and '-' (64 at most).`)

  const alertUrl = httpsUrl('ALERT_WEBHOOK_URL', env.ALERT_WEBHOOK_URL, errors, { required: false })
  const routingKey = env.ALERT_ROUTING_KEY?.trim() ?? ''
  if (alertUrl && routingKey === '')
    errors.push('ALERT_ROUTING_KEY: not set. Give the routing key of the PagerDuty integration the alerts go to.')
  if (!alertUrl && routingKey !== '') errors.push('ALERT_ROUTING_KEY: set, but ALERT_WEBHOOK_URL is not.')
  if (!env.ALERT_WEBHOOK_URL)
    warnings.push('ALERT_WEBHOOK_URL is not set: operators learn of an outage from the log and /metrics only.')

  if (errors.length > 0 || !base || !directory || !catalog) return { ok: false, errors }
  for (const account of directory.accounts)
    if (!directory.users.some((user) => user.accountIds.includes(account.id)))
      warnings.push(`Account ${account.id} has no user: nobody can see it.`)
  return {
    ok: true,
    config: {
      port,
      host,
      zuora: { baseUrl: base.origin, clientId, clientSecret },
      paymentPages: { pageId, uri: pageUri?.toString() ?? `${base.origin}/apps/PublicHostedPageLite.do` },
      directory,
      catalog,
      identityHeader,
      allowedOrigins,
      root,
      statusDelayMs,
      statuspage: statuspageUrl ? { url: statuspageUrl.toString(), component: statuspageComponent } : null,
      redisUrl,
      redisCommandTimeoutMs,
      instanceId,
      alerts: alertUrl ? { url: alertUrl.toString(), routingKey } : null,
      warnings,
    },
  }
}
