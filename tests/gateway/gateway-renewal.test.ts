// @vitest-environment node
/**
 * Renewal over HTTP: off (the subscription ends on its renewal date) and back on, each one
 * TermsAndConditions order at the simulated Zuora, nothing sent when it already is so; only a
 * billing admin, never in maintenance, and a body with a boolean `autoRenew`.
 */
import { expect, test } from 'vitest'
import {
  control,
  expectContract,
  failure,
  gatewayPerFile,
  signedIn,
  users,
  type Client,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
let owner: Client
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
})

const setRenewal = (browser: Client, body: unknown) => browser.call('PUT', '/subscription/renewal', { body })

/** The order actions of the orders the simulated tenant recorded, oldest first. */
const recordedActions = () =>
  Object.values(sim.simulator.control.exportState().state.orders).flatMap((order) =>
    (order.subscriptions as { orderActions: { type: string; termsAndConditions?: unknown }[] }[]).flatMap(
      (s) => s.orderActions,
    ),
  )

test('renewal turned off ends the subscription on its renewal date; turned back on, it renews again', async () => {
  const before = await owner.get('/subscription')
  expect(before.body.autoRenew).toBe(true)
  const since = Date.now()

  const off = await setRenewal(owner, { autoRenew: false })
  expect(off.status, off.text).toBe(200)
  expectContract('setRenewal', off.body)
  expect(off.body).toMatchObject({ autoRenew: false, renewsAt: before.body.renewsAt, seats: before.body.seats })
  expect((await owner.get('/subscription')).body.autoRenew).toBe(false)

  const on = await setRenewal(owner, { autoRenew: true })
  expect(on.status, on.text).toBe(200)
  expect(on.body.autoRenew).toBe(true)
  expect((await owner.get('/subscription')).body).toEqual(before.body)

  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as { calls: { operation: string }[] }
  expect(calls.filter((call) => call.operation === 'createOrder')).toHaveLength(2)
  const actions = recordedActions().filter((action) => action.type === 'TermsAndConditions')
  expect(actions.map((action) => action.termsAndConditions)).toEqual([{ autoRenew: false }, { autoRenew: true }])
})

test('asking for the renewal it already has sends no order', async () => {
  const since = Date.now()
  const same = await setRenewal(owner, { autoRenew: true })
  expect(same.status).toBe(200)
  expect(same.body.autoRenew).toBe(true)
  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as { calls: { operation: string }[] }
  expect(calls.some((call) => call.operation === 'createOrder')).toBe(false)
})

test('only a billing admin changes renewal (viewer 403), never in maintenance (503), with a boolean (422)', async () => {
  const viewer = await signedIn(sim, users.viewer)
  expect(failure(await setRenewal(viewer, { autoRenew: false }))).toEqual([403, 'forbidden'])

  for (const body of [{}, { autoRenew: 'no' }, { autoRenew: null }])
    expect(failure(await setRenewal(owner, body))).toEqual([422, 'validation_failed'])

  const operator = await signedIn(sim, users.operator)
  const on = { enabled: true, message: 'Upgrading the billing provider.', reason: 'scheduled' }
  expect((await operator.call('PUT', '/billing-status/maintenance', { body: on })).status).toBe(200)
  const paused = await setRenewal(owner, { autoRenew: false })
  expect(failure(paused)).toEqual([503, 'maintenance'])
  await operator.call('PUT', '/billing-status/maintenance', { body: { enabled: false, message: 'Done.' } })

  expect((await owner.get('/subscription')).body.autoRenew).toBe(true)
  expect(recordedActions().some((action) => action.type === 'TermsAndConditions')).toBe(false)
})
