// @vitest-environment node
import { expect, test } from 'vitest'
import { delayMs, readAgainOnFailure } from '../../gateway/billing/read-again'
import type { OperationContext } from '../../gateway/zuora/adapter/operation'
import { ZuoraCallError, type ZuoraFailureKind } from '../../gateway/zuora/errors'

const context = (extra: Partial<OperationContext> = {}) =>
  ({ transport: {} as OperationContext['transport'], trackId: 't-1', timeoutMs: 4_000, ...extra }) as OperationContext

/** A clock that moves only when the read waits, and a read that fails with `kinds` in turn, then answers. */
function setup(kinds: ZuoraFailureKind[]) {
  let now = 0
  const waits: number[] = []
  let calls = 0
  const read = async () => {
    const kind = kinds[calls++]
    if (kind) throw new ZuoraCallError(kind, kind, { status: kind === 'unavailable' ? 500 : null })
    return 'answer'
  }
  const options = {
    attempts: 3,
    budgetMs: 4_000,
    now: () => now,
    wait: async (ms: number) => {
      waits.push(ms)
      now += ms
    },
  }
  return { read, options, waits, calls: () => calls, advance: (ms: number) => (now += ms) }
}

test('failures Zuora answered at once are read again, up to three tries in all', async () => {
  const ok = setup(['unavailable', 'network'])
  expect(await readAgainOnFailure(context(), ok.options, ok.read)).toBe('answer')
  expect(ok.calls()).toBe(3)
  expect(ok.waits).toHaveLength(2)

  const hopeless = setup(['malformed', 'unavailable', 'unavailable', 'unavailable'])
  await expect(readAgainOnFailure(context(), hopeless.options, hopeless.read)).rejects.toMatchObject({
    kind: 'unavailable',
  })
  expect(hopeless.calls()).toBe(3)
})

test('a time-out, a 429, a refusal or an open breaker is not read again', async () => {
  for (const kind of ['timeout', 'shed', 'rejected', 'breaker_open', 'auth'] as const) {
    const one = setup([kind])
    await expect(readAgainOnFailure(context(), one.options, one.read)).rejects.toMatchObject({ kind })
    expect(one.calls(), kind).toBe(1)
  }
})

test('a breaker probe is one call, and no try starts past the budget', async () => {
  const probe = setup(['unavailable'])
  await expect(readAgainOnFailure(context({ probe: true }), probe.options, probe.read)).rejects.toBeInstanceOf(
    ZuoraCallError,
  )
  expect(probe.calls()).toBe(1)

  // A first read that took 3,990 ms of a 4,000 ms budget: the first wait (≥ 75 ms) would end past it.
  const fresh = setup(['unavailable'])
  const slowRead = async () => {
    fresh.advance(3_990)
    return fresh.read()
  }
  await expect(readAgainOnFailure(context(), fresh.options, slowRead)).rejects.toMatchObject({ kind: 'unavailable' })
  expect(fresh.calls()).toBe(1)
})

test('the waits grow and are spread: 75–225 ms, then 150–450 ms', () => {
  expect(delayMs(2, () => 0)).toBe(75)
  expect(delayMs(2, () => 0.999)).toBe(225)
  expect(delayMs(3, () => 0)).toBe(150)
  expect(delayMs(3, () => 0.999)).toBe(450)
})
