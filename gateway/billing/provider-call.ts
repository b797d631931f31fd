/**
 * How a route asks Zuora for something: the capability's breaker first (while Zuora is known to be
 * down the gateway fails fast, letting one probe at a time through), then the calls, then one
 * translation of whatever went wrong into the contract's answer. Reads fall back on the gateway's
 * copy (the last good answer, at most a day old), so a browser that never visited sees its data
 * during an outage, marked with its age.
 */
import type { Capability } from '../../src/lib/api/schemas'
import type { GatewayDeps } from '../context'
import { GatewayError } from '../http/errors'
import type { OperationContext } from '../zuora/adapter/operation'
import { ZuoraCallError } from '../zuora/errors'

/** The header that marks an answer from the gateway's copy (docs/openapi.json, contract.ts). */
export const COPY_AS_OF_HEADER = 'X-Billing-Copy-As-Of'

export type ProviderScope = { requestId: string; signal?: AbortSignal }

/**
 * Runs `work` with the operation context of one admitted call chain. Refused by the open breaker,
 * it throws a `breaker_open` ZuoraCallError with the time to wait.
 */
export async function withProvider<T>(
  deps: GatewayDeps,
  capability: Capability,
  scope: ProviderScope & { timeoutMs: number },
  work: (context: OperationContext) => Promise<T>,
): Promise<T> {
  const admission = await deps.health.admit(capability)
  if (!admission.allowed)
    throw new ZuoraCallError('breaker_open', 'Zuora is down: the gateway is not calling it for now.', {
      retryAfterMs: admission.retryAfterMs,
    })
  return work({
    transport: deps.transport,
    trackId: scope.requestId,
    timeoutMs: scope.timeoutMs,
    signal: scope.signal,
    probe: admission.probe === true,
  })
}

const retryAfterSeconds = (ms: number | null, fallback: number) =>
  String(Math.max(1, Math.ceil((ms ?? fallback * 1000) / 1000)))

/** The contract's answer for a failed Zuora call. */
export function providerError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error
  if (!(error instanceof ZuoraCallError)) throw error
  switch (error.kind) {
    case 'rejected':
      return new GatewayError(422, 'provider_rejected', error.message)
    case 'in_progress':
      return new GatewayError(
        409,
        'idempotency_in_progress',
        'The first request with this key is still being processed.',
        {
          headers: { 'Retry-After': '1' },
        },
      )
    case 'key_reused':
      return new GatewayError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different order.',
      )
    case 'auth':
      return new GatewayError(502, 'provider_auth', 'The billing provider refused the gateway’s credentials.')
    case 'shed':
      return new GatewayError(
        503,
        'provider_unavailable',
        'The billing provider is limiting requests. Try again later.',
        {
          headers: { 'Retry-After': retryAfterSeconds(error.retryAfterMs, 30) },
        },
      )
    case 'breaker_open':
      return new GatewayError(503, 'provider_unavailable', 'The billing provider is not responding.', {
        headers: { 'Retry-After': retryAfterSeconds(error.retryAfterMs, 5) },
      })
    default:
      return new GatewayError(503, 'provider_unavailable', 'The billing provider is not responding.', {
        headers: { 'Retry-After': '5' },
      })
  }
}

/** Failures after which a read may be answered from the copy: Zuora did not answer usably. */
const copyWorthy = new Set<ZuoraCallError['kind']>([
  'unavailable',
  'timeout',
  'network',
  'malformed',
  'shed',
  'breaker_open',
  'overloaded',
])

/**
 * A provider-backed read: Zuora's answer (kept as the copy), else the copy with its age, else the
 * failure. `resource` names the copy (stores/stale-copy.ts staleResources); never payment secrets.
 */
export async function readThrough(
  deps: GatewayDeps,
  args: { capability: Capability; accountId: string; resource: string; scope: ProviderScope },
  read: (context: OperationContext) => Promise<unknown>,
): Promise<Response> {
  const { capability, accountId, resource, scope } = args
  try {
    const body = JSON.stringify(
      await withProvider(deps, capability, { ...scope, timeoutMs: deps.timeouts.readMs }, read),
    )
    await deps.staleCopy.put(accountId, resource, body, deps.clock.now())
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  } catch (error) {
    if (!(error instanceof ZuoraCallError) || !copyWorthy.has(error.kind)) throw providerError(error)
    const copy = await deps.staleCopy.get(accountId, resource, deps.clock.now())
    if (!copy) throw providerError(error)
    deps.log({ event: 'stale_copy_served', requestId: scope.requestId, capability, resource, ageMs: copy.ageMs })
    return new Response(copy.body, {
      status: 200,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        [COPY_AS_OF_HEADER]: new Date(copy.storedAt).toISOString(),
      },
    })
  }
}
