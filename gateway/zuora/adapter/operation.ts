/**
 * A call to one of Zuora's operations by our name for it (spec/operations.ts): its method, path,
 * pool and response schema come from the typed description, so a route cannot call a path with
 * the wrong shape or count it against the wrong concurrency limit.
 */
import type { z } from 'zod'
import type { Capability } from '../../../src/lib/api/schemas'
import { fillPath, zuoraOperations, type ZuoraOperationName } from '../spec'
import type { BinaryAnswer, ZuoraTransport } from '../transport'

export type OperationContext = {
  transport: ZuoraTransport
  /** Our request id, sent as Zuora-Track-Id. */
  trackId: string
  /** The call's time-out: shorter for reads an admin waits on, longer for orders. */
  timeoutMs: number
  signal?: AbortSignal
  /** This call is the breaker's probe (see gateway/health). */
  probe?: boolean
}

type JsonOperation = {
  [N in ZuoraOperationName]: (typeof zuoraOperations)[N]['responseSchema'] extends z.ZodType ? N : never
}[ZuoraOperationName]

type ResponseOf<N extends JsonOperation> = z.output<(typeof zuoraOperations)[N]['responseSchema']>

export type OperationArgs = {
  capability: Capability | null
  params?: Record<string, string>
  query?: ReadonlyArray<readonly [string, string]>
  body?: unknown
  idempotencyKey?: string
}

export function callOperation<N extends JsonOperation>(
  context: OperationContext,
  name: N,
  args: OperationArgs,
): Promise<ResponseOf<N>> {
  const operation = zuoraOperations[name]
  return context.transport.callJson({
    operation: name,
    capability: args.capability,
    method: operation.method,
    path: fillPath(operation.path, args.params ?? {}),
    query: args.query,
    body: args.body,
    idempotencyKey: args.idempotencyKey,
    response: operation.responseSchema as unknown as z.ZodType<ResponseOf<N>>,
    pool: operation.pool,
    trackId: context.trackId,
    timeoutMs: context.timeoutMs,
    signal: context.signal,
    probe: context.probe,
  })
}

export function callBinaryOperation(
  context: OperationContext,
  name: 'getFile',
  args: Omit<OperationArgs, 'body' | 'idempotencyKey'>,
): Promise<BinaryAnswer> {
  const operation = zuoraOperations[name]
  return context.transport.callBinary({
    operation: name,
    capability: args.capability,
    method: operation.method,
    path: fillPath(operation.path, args.params ?? {}),
    query: args.query,
    pool: operation.pool,
    trackId: context.trackId,
    timeoutMs: context.timeoutMs,
    signal: context.signal,
    probe: context.probe,
  })
}
