/**
 * A Zuora read inside a write's path, tried again when Zuora answered it with a failure at once.
 * A checkout makes two or three Zuora calls (the subscription, the order, a token now and then):
 * through a Zuora that fails 40 % of calls at random, one call in two chains fails somewhere, and
 * the app's own retries of the whole order then wait out the gateway's Retry-After. A read changes
 * nothing, so trying it again inside the gateway is safe and costs a few hundred milliseconds.
 *
 * Only failures Zuora answered quickly are tried again (a 5xx or retryable `success: false`, a cut
 * connection, a body we cannot read): a time-out already took the read's whole time, a 429 asks us
 * to slow down, and a breaker's probe is one call by design. Each try still counts in the health
 * window, so a Zuora that fails every call opens the breaker as fast as before.
 */
import type { OperationContext } from '../zuora/adapter/operation'
import { ZuoraCallError } from '../zuora/errors'

export type ReadAgainOptions = {
  /** Tries in all, the first included. */
  attempts: number
  /** No new try starts after this long since the first (ms): the write's own time-out must hold. */
  budgetMs: number
  now: () => number
  /** Waits between tries; `delayMs` gives the wait before try n (n ≥ 2). */
  wait?: (ms: number) => Promise<void>
}

export const READ_AGAIN_DEFAULTS = { attempts: 3, budgetMs: 4_000 } as const

/** 150 ms, then 300 ms, each ±50 %: two gateways retrying one failure do not call in step. */
export const delayMs = (attempt: number, random: () => number = Math.random): number =>
  Math.round(150 * 2 ** (attempt - 2) * (0.5 + random()))

const quickFailure = (error: unknown): boolean =>
  error instanceof ZuoraCallError &&
  (error.kind === 'unavailable' || error.kind === 'network' || error.kind === 'malformed')

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export async function readAgainOnFailure<T>(
  context: OperationContext,
  options: ReadAgainOptions,
  read: (context: OperationContext) => Promise<T>,
): Promise<T> {
  const wait = options.wait ?? sleep
  const startedAt = options.now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await read(context)
    } catch (error) {
      const pause = delayMs(attempt + 1)
      const last =
        attempt >= options.attempts ||
        context.probe === true ||
        context.signal?.aborted === true ||
        options.now() + pause - startedAt > options.budgetMs
      if (last || !quickFailure(error)) throw error
      await wait(pause)
    }
  }
}
