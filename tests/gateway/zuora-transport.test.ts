// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fromMinor, toMinor } from '../../gateway/zuora/money'
import { createZuoraTransport, PINNED_ZUORA_VERSION, type CallEnd } from '../../gateway/zuora/transport'
import { ZuoraCallError } from '../../gateway/zuora/errors'

const base = 'https://rest.test.zuora.example'
const okSchema = z.object({ success: z.literal(true), value: z.number() })

type Seen = { url: URL; headers: Headers; method: string; body: string }

/** A fake Zuora: the token endpoint hands out numbered tokens; `answer` decides everything else. */
function fakeZuora(answer: (seen: Seen, token: string) => Response | Promise<Response>, expiresIn = 3599) {
  const seen: Seen[] = []
  let tokens = 0
  const http = async (request: Request) => {
    const url = new URL(request.url)
    const entry = { url, headers: request.headers, method: request.method, body: await request.text() }
    if (url.pathname === '/oauth/token') {
      tokens += 1
      return Response.json({ access_token: `t${tokens}`, token_type: 'bearer', expires_in: expiresIn })
    }
    seen.push(entry)
    const token = request.headers.get('Authorization')?.replace('Bearer ', '') ?? ''
    return answer(entry, token)
  }
  return { http, seen, tokenRequests: () => tokens }
}

function transportOn(
  fake: ReturnType<typeof fakeZuora>,
  clock = { now: () => Date.now() },
  ends: CallEnd[] = [],
  limits = { default: 2, maxQueue: 1 },
) {
  return createZuoraTransport(
    {
      baseUrl: base,
      clientId: 'id',
      clientSecret: 'secret',
      poolLimits: { default: limits.default },
      maxQueue: limits.maxQueue,
    },
    { http: fake.http, clock, observer: { finished: (end) => ends.push(end) } },
  )
}

const get = (overrides: Partial<Omit<Parameters<ReturnType<typeof transportOn>['callJson']>[0], 'response'>> = {}) => ({
  operation: 'getThing',
  capability: 'subscription' as const,
  method: 'GET' as const,
  path: '/v1/things/1',
  trackId: 'req-123',
  timeoutMs: 1_000,
  ...overrides,
  response: okSchema,
})

describe('the Zuora transport', () => {
  it('sends the pinned version, our request id as Zuora-Track-Id and a bearer token, and reads the answer', async () => {
    const fake = fakeZuora(() => Response.json({ success: true, value: 7 }))
    const result = await transportOn(fake).callJson(get())
    expect(result.value).toBe(7)
    const [request] = fake.seen
    expect(request?.headers.get('Zuora-Version')).toBe(PINNED_ZUORA_VERSION)
    expect(request?.headers.get('Zuora-Track-Id')).toBe('req-123')
    expect(request?.headers.get('Authorization')).toBe('Bearer t1')
  })

  it('asks for one token for many concurrent calls, and refreshes it ahead of expiry', async () => {
    let now = 1_000_000
    const fake = fakeZuora(() => Response.json({ success: true, value: 1 }))
    const transport = transportOn(fake, { now: () => now }, [], { default: 8, maxQueue: 8 })
    await Promise.all([1, 2, 3, 4].map(() => transport.callJson(get())))
    expect(fake.tokenRequests()).toBe(1)
    now += 3_599_000 - 60_000 // inside the refresh-ahead margin: the old token still serves, a new one is fetched
    await transport.callJson(get())
    await transport.callJson(get())
    expect(fake.tokenRequests()).toBe(2)
    expect(fake.seen.at(-1)?.headers.get('Authorization')).toBe('Bearer t2')
  })

  it('refreshes once on a 401 and retries once; a second 401 is an auth failure', async () => {
    const fake = fakeZuora((_seen, token) =>
      token === 't1' ? new Response('{}', { status: 401 }) : Response.json({ success: true, value: 2 }),
    )
    expect((await transportOn(fake).callJson(get())).value).toBe(2)
    expect(fake.tokenRequests()).toBe(2)

    const always401 = fakeZuora(() => new Response('{}', { status: 401 }))
    await expect(transportOn(always401).callJson(get())).rejects.toMatchObject({ kind: 'auth' })
    expect(always401.tokenRequests()).toBe(2)
  })

  it('reads a 200 with success:false by its category: retryable ones are unavailability, the rest refusals', async () => {
    const envelope = (code: number) =>
      Response.json({ success: false, processId: 'p', reasons: [{ code, message: 'm' }] })
    await expect(transportOn(fakeZuora(() => envelope(53100360))).callJson(get())).rejects.toMatchObject({
      kind: 'unavailable',
    })
    await expect(transportOn(fakeZuora(() => envelope(53100320))).callJson(get())).rejects.toMatchObject({
      kind: 'rejected',
      reasons: [{ code: 53100320, message: 'm' }],
    })
    await expect(transportOn(fakeZuora(() => envelope(50000070))).callJson(get())).rejects.toMatchObject({
      kind: 'unavailable',
    })
  })

  it('tells shedding (with its Retry-After), 5xx, broken JSON, a wrong shape and a hang apart', async () => {
    const shed = fakeZuora(() => new Response('', { status: 429, headers: { 'Retry-After': '30' } }))
    await expect(transportOn(shed).callJson(get())).rejects.toMatchObject({ kind: 'shed', retryAfterMs: 30_000 })
    const down = fakeZuora(() => new Response('<html>503</html>', { status: 503 }))
    await expect(transportOn(down).callJson(get())).rejects.toMatchObject({ kind: 'unavailable', status: 503 })
    const broken = fakeZuora(() => new Response('{"success": tr', { status: 200 }))
    await expect(transportOn(broken).callJson(get())).rejects.toMatchObject({ kind: 'malformed' })
    const drifted = fakeZuora(() => Response.json({ success: true, value: '7' }))
    await expect(transportOn(drifted).callJson(get())).rejects.toMatchObject({ kind: 'malformed' })
    const hung = fakeZuora(() => new Promise<Response>(() => undefined))
    const started = Date.now()
    await expect(transportOn(hung).callJson(get({ timeoutMs: 150 }))).rejects.toMatchObject({ kind: 'timeout' })
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('sends the Idempotency-Key and reads 409 and 422 on a keyed call as idempotency answers', async () => {
    const inFlight = fakeZuora(() => Response.json({ success: false, reasons: [] }, { status: 409 }))
    await expect(
      transportOn(inFlight).callJson(get({ method: 'POST', body: {}, idempotencyKey: 'k1' })),
    ).rejects.toMatchObject({ kind: 'in_progress' })
    expect(inFlight.seen[0]?.headers.get('Idempotency-Key')).toBe('k1')
    const reused = fakeZuora(() => Response.json({ success: false, reasons: [] }, { status: 422 }))
    await expect(
      transportOn(reused).callJson(get({ method: 'POST', body: {}, idempotencyKey: 'k1' })),
    ).rejects.toMatchObject({ kind: 'key_reused' })
  })

  it('caps concurrency per pool and refuses at once past the queue', async () => {
    const release: Array<() => void> = []
    const fake = fakeZuora(
      () => new Promise<Response>((resolve) => release.push(() => resolve(Response.json({ success: true, value: 1 })))),
    )
    const transport = transportOn(fake)
    const calls = [transport.callJson(get()), transport.callJson(get()), transport.callJson(get())]
    const refused = transport.callJson(get())
    await expect(refused).rejects.toMatchObject({ kind: 'overloaded' })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(transport.pools().default).toEqual({ active: 2, waiting: 1 })
    expect(fake.seen).toHaveLength(2)
    while (release.length > 0 || fake.seen.length < 3) {
      release.shift()?.()
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await Promise.all(calls)
    expect(fake.seen).toHaveLength(3)
  })

  it('tells its observer how every call ended, and an abandoned call is not blamed on Zuora', async () => {
    const ends: CallEnd[] = []
    const fake = fakeZuora(() => new Promise<Response>(() => undefined))
    const caller = new AbortController()
    const call = transportOn(fake, undefined, ends).callJson(get({ signal: caller.signal }))
    setTimeout(() => caller.abort(), 20)
    await expect(call).rejects.toBeInstanceOf(ZuoraCallError)
    expect(ends[0]).toMatchObject({ operation: 'getThing', capability: 'subscription', abandoned: true })
  })
})

describe('money between Zuora decimals and minor units', () => {
  it('goes by the ISO 4217 exponent and rounds the decimal, not the float', () => {
    expect(toMinor(49, 'USD')).toBe(4900)
    expect(toMinor(0.285, 'USD')).toBe(29)
    expect(toMinor(-12.5, 'USD')).toBe(-1250)
    expect(toMinor(1500, 'JPY')).toBe(1500)
    expect(toMinor(1.234, 'BHD')).toBe(1234)
    expect(fromMinor(1999, 'USD')).toBe(19.99)
    expect(fromMinor(1234, 'KWD')).toBe(1.234)
    for (const cents of [0, 1, 99, 100, 123456789, -4321]) expect(toMinor(fromMinor(cents, 'BRL'), 'BRL')).toBe(cents)
  })
})
