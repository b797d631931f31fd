/**
 * `--only checkout`: checkouts through the real UI of the production build while the provider is
 * flaky (`provider-flaky`, `cache-layer-failure`; the status report prompt, as the scenarios make
 * it). One checkout is one admin in a new browser profile (nothing saved: no cart, no pending
 * order of an earlier checkout can get in its way):
 *
 * 1. opens `/` and waits until Change seats can be used (clicking a section's "Try again" when
 *    the app offers one, as an admin would; never a reload), puts an absolute seat count in the
 *    cart with Change seats, lands on `/cart` and waits until the quote is there and Place order
 *    can be used: at most PREPARE_CAP_MS for all of it;
 * 2. clicks Place order ONCE, and never again, nor "Check again" (the app checks by itself);
 * 3. a success when "Order placed" shows within CHECKOUT_CAP_MS of that click (the app's write
 *    time-out is 15 s; the rest leaves room for its own reconciliation). It stops early when the
 *    app says the order was not placed: that is final.
 *
 * The simulated Zuora account and scenario are the gateway's, and every order reprices the ones
 * after it (an order is priced again against the subscription as it is then), so two admins buying
 * at once on one gateway would refuse each other's quotes. Checkouts run in parallel lanes instead,
 * each with a simulated gateway (account, scenario and seed) of its own; within a lane they run one after
 * the other. The seat count rises by one per checkout of a lane (SEATS_FROM + n): it always
 * differs from what the account has, even from a stale snapshot that cache-layer-failure serves.
 *
 * One checkout is driven by checkout-one-admin.ts; this file runs the lanes and makes the figures.
 */
import type { Browser } from 'playwright-core'
import type { ScenarioName } from '../../mocks/scenarios/names'
import { startGatewaySimProcess, type GatewaySimProcess } from '../gateway-sim/child-process'
import type { LoggedRequest } from '../gateway-sim/control'
import { CHECKOUT_CAP_MS, oneCheckout, type Outcome } from './checkout-one-admin'
import { median, type Figure } from './stats'

export const CHECKOUT_SCENARIOS = ['cache-layer-failure', 'provider-flaky'] as const satisfies readonly ScenarioName[]
export type CheckoutScenario = (typeof CHECKOUT_SCENARIOS)[number]

export type CheckoutSettings = {
  /** Checkouts per scenario. */
  checkouts: number
  /** Lanes at once, each with its own simulated gateway. */
  parallel: number
  scenarios: readonly CheckoutScenario[]
  /** The build the lanes' extra servers serve. */
  root: string
  progress: (message: string) => void
}

/** Well above the seed's seats in use (21 of 25), far below the app's 100,000. */
const SEATS_FROM = 100
/** Lane n runs with seed DEFAULT_SEED + n: lane 0 has the scenario's default. */
const DEFAULT_SEED = 1

type Checkout = { client: string; outcome: Outcome }

/** `zuoraOrders`: createOrder calls the simulated Zuora answered 200 (what the gateway's log cannot show). */
type Lane = { seed: number; checkouts: Checkout[]; orders: LoggedRequest[]; zuoraOrders: number }

async function runLane(
  browser: Browser,
  server: GatewaySimProcess,
  scenario: CheckoutScenario,
  seed: number,
  indices: number[],
  progress: (message: string) => void,
): Promise<Lane> {
  await server.reset()
  const since = Date.now()
  await server.setScenario(scenario, { seed })
  const checkouts: Checkout[] = []
  for (const [n, index] of indices.entries()) {
    const client = `checkout-${scenario}-${index}`
    const outcome = await oneCheckout(browser, server, client, SEATS_FROM + n)
    checkouts.push({ client, outcome })
    if ((n + 1) % 10 === 0) progress(`checkout ${scenario}: seed ${seed}, ${n + 1} of ${indices.length} done`)
  }
  const orders = (await server.requests(since)).filter((request) => request.endpoint === 'placeOrder')
  const zuoraOrders = (await server.zuoraCalls(since)).filter(
    (call) => call.operation === 'createOrder' && call.status === 200,
  ).length
  await server.reset()
  return { seed, checkouts, orders, zuoraOrders }
}

/**
 * Orders charged twice. One checkout is one browser profile (its own X-Bench-Client) and one
 * click, so everything it sent is that one purchase intent: a `POST /orders` answered 201 created
 * an order (200 replays an order already made under the same Idempotency-Key; 4xx/5xx create
 * none that the gateway knows of). A purchase is charged twice when its click created more than one
 * order, whether under two keys (the app sent it again under a new key) or not: the count is the
 * orders created beyond the first, summed over checkouts. Orders created but not confirmed to the
 * admin within the cap are not double charges; the note counts them apart.
 */
function duplicates(lanes: readonly Lane[]) {
  let twice = 0
  let keysReused = 0
  let chargedUnconfirmed = 0
  let created = 0
  for (const lane of lanes) {
    for (const { client, outcome } of lane.checkouts) {
      const sent = lane.orders.filter((request) => request.client === client && request.method === 'POST')
      const made = sent.filter((request) => request.status === 201).length
      created += made
      twice += Math.max(0, made - 1)
      if (new Set(sent.map((request) => request.idempotencyKey)).size > 1) keysReused += 1
      if (made > 0 && outcome.kind !== 'confirmed') chargedUnconfirmed += 1
    }
  }
  return { twice, keysReused, chargedUnconfirmed, created }
}

const tally = (reasons: readonly string[]) => {
  const counts = new Map<string, number>()
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1)
  return [...counts].map(([reason, count]) => `${reason} ${count}`).join(', ')
}

/**
 * `checkout-success-<scenario>` and `checkout-duplicates-<scenario>` for each scenario, handed to
 * `emit` as each scenario is done.
 */
export async function checkoutsUnderFlakyProvider(
  browser: Browser,
  server: GatewaySimProcess,
  settings: CheckoutSettings,
  emit: (...figures: Figure[]) => void,
): Promise<void> {
  const laneCount = Math.max(1, Math.min(settings.parallel, settings.checkouts))
  const servers: GatewaySimProcess[] = [server]
  try {
    for (let lane = 1; lane < laneCount; lane += 1)
      servers.push(await startGatewaySimProcess(settings.root, `checkout-${lane}`))
    for (const scenario of settings.scenarios) {
      settings.progress(`checkout ${scenario}: ${settings.checkouts} checkouts, ${laneCount} at once`)
      const started = Date.now()
      const lanes = await Promise.all(
        servers.map((laneServer, lane) => {
          const indices = Array.from({ length: settings.checkouts }, (_, index) => index).filter(
            (index) => index % laneCount === lane,
          )
          return runLane(browser, laneServer, scenario, DEFAULT_SEED + lane, indices, settings.progress)
        }),
      )
      const all = lanes.flatMap((lane) => lane.checkouts)
      const confirmedMs = all.flatMap(({ outcome }) => (outcome.kind === 'confirmed' ? [outcome.ms] : []))
      const clicked = all.filter(({ outcome }) => outcome.kind !== 'not-clicked').length
      const failures = all.flatMap(({ outcome }) =>
        outcome.kind === 'confirmed'
          ? []
          : [`${outcome.kind === 'refused' ? 'not placed: ' : `${outcome.kind}: `}${outcome.reason}`],
      )
      const minutes = ((Date.now() - started) / 60_000).toFixed(1)
      const counted = duplicates(lanes)
      emit(
        {
          name: `checkout-success-${scenario}`,
          value: all.length === 0 ? Number.NaN : confirmedMs.length / all.length,
          unit: 'ratio',
          target: '≥ 0.95',
          note: [
            `${confirmedMs.length} of ${all.length} confirmed (${clicked} clicked Place order)`,
            confirmedMs.length > 0 ? `median click → confirmation ${Math.round(median(confirmedMs))} ms` : null,
            failures.length > 0 ? `failed: ${tally(failures)}` : null,
            `${laneCount} at once, one gateway each, seeds ${lanes.map((lane) => lane.seed).join(', ')}`,
            `${minutes} min`,
          ]
            .filter(Boolean)
            .join('; '),
        },
        {
          name: `checkout-duplicates-${scenario}`,
          value: counted.twice,
          unit: 'count',
          target: '0',
          note: [
            `orders created beyond the first per click, from the gateway's request log: ${counted.created} created`,
            `Zuora answered ${lanes.reduce((total, lane) => total + lane.zuoraOrders, 0)} createOrder calls with 200`,
            counted.keysReused > 0 ? `${counted.keysReused} checkouts sent more than one Idempotency-Key` : null,
            counted.chargedUnconfirmed > 0
              ? `${counted.chargedUnconfirmed} created but not confirmed within ${CHECKOUT_CAP_MS / 1000} s`
              : null,
          ]
            .filter(Boolean)
            .join('; '),
        },
      )
    }
  } finally {
    await Promise.all(servers.slice(1).map((extra) => extra.stop()))
  }
}
