/**
 * A test's way into the Zuora simulator: a simulator on a fake clock (`advance` moves it and
 * wakes the sleeps that are due), the demo OAuth sign-in, and calls with Zuora's headers.
 */
import { createZuoraSimulator, type ZuoraSimulatorOptions } from '../../mocks/zuora'
import { zuoraOperations, type ZuoraOperationName } from '../../gateway/zuora/spec'

export const BASE = 'https://rest.test.zuora.com'
/** A fixed day, so that the seed's dates (and prorations) are the same on every run. */
export const START = Date.parse('2026-03-20T10:00:00.000Z')
export const TODAY = '2026-03-20'

type CallOptions = { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal; form?: string }

export function simHarness(options: Omit<ZuoraSimulatorOptions, 'now' | 'sleep'> = {}) {
  let time = START
  let timers: Array<{ at: number; wake: () => void }> = []
  const now = () => time
  const sleep = (ms: number) => new Promise<void>((wake) => timers.push({ at: time + ms, wake }))
  const sim = createZuoraSimulator({ now, sleep, ...options })
  let token = ''

  /** Lets pending promise chains run (the simulator's work between two awaits). */
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

  async function advance(ms: number): Promise<void> {
    time += ms
    const due = timers.filter((timer) => timer.at <= time)
    timers = timers.filter((timer) => timer.at > time)
    for (const timer of due) timer.wake()
    await settle()
    await settle()
  }

  function call(method: string, path: string, { body, headers = {}, signal, form }: CallOptions = {}) {
    const all: Record<string, string> = {
      'Zuora-Version': '2025-08-12',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(form !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    }
    return sim.handle(
      new Request(`${BASE}${path}`, {
        method,
        headers: all,
        body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
        signal,
      }),
    )
  }

  async function signIn(): Promise<string> {
    const answer = await call('POST', '/oauth/token', {
      form: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    })
    token = ((await answer.json()) as { access_token: string }).access_token
    return token
  }

  return {
    sim,
    now,
    advance,
    settle,
    call,
    signIn,
    setToken: (value: string) => void (token = value),
    get: (path: string, headers?: Record<string, string>) => call('GET', path, { headers }),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, { body, headers }),
    put: (path: string, body: unknown, headers?: Record<string, string>) => call('PUT', path, { body, headers }),
  }
}

export type SimHarness = ReturnType<typeof simHarness>

/** The answer's JSON, checked against the operation's response schema of the typed description. */
export async function parsedAs<Name extends ZuoraOperationName>(
  name: Name,
  answer: Response,
): Promise<Record<string, unknown>> {
  const schema = zuoraOperations[name].responseSchema
  const body: unknown = await answer.json()
  if (schema === 'binary') throw new Error(`${name} answers a file`)
  schema.parse(body)
  return body as Record<string, unknown>
}

/** Acme's subscription as the simulator holds it (last segments). */
export async function acmeSubscription(h: SimHarness) {
  const body = (await (await h.get('/v1/subscriptions/accounts/A00000001')).json()) as {
    subscriptions: Array<{
      subscriptionNumber: string
      accountId: string
      termEndDate: string
      ratePlans: Array<{
        id: string
        productRatePlanId: string
        ratePlanName: string
        ratePlanCharges: Array<{ number: string; quantity: number | null; segment: number }>
      }>
    }>
  }
  const subscription = body.subscriptions[0]
  if (!subscription) throw new Error('Acme has no subscription')
  return subscription
}

/** An order body changing Acme's seats to `seats` (UpdateProduct on the plan's seats charge). */
export async function seatsOrder(h: SimHarness, seats: number, extra: Record<string, unknown> = {}) {
  const subscription = await acmeSubscription(h)
  const plan = subscription.ratePlans[0]
  const charge = plan?.ratePlanCharges[0]
  if (!plan || !charge) throw new Error('Acme has no plan')
  return {
    existingAccountNumber: 'A00000001',
    orderDate: TODAY,
    subscriptions: [
      {
        subscriptionNumber: subscription.subscriptionNumber,
        orderActions: [
          {
            type: 'UpdateProduct',
            triggerDates: [{ name: 'ContractEffective', triggerDate: TODAY }],
            updateProduct: {
              ratePlanId: plan.id,
              chargeUpdates: [{ chargeNumber: charge.number, pricing: { recurringPerUnit: { quantity: seats } } }],
            },
          },
        ],
      },
    ],
    ...extra,
  }
}
