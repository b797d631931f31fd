// @vitest-environment node
/**
 * What the vendor's status report says of each provider capability in each scenario, and the
 * statusDelayMs option that withholds it for a while: exact under the test clock, and the same
 * after a reload or in a second tab, since it is derived from the stored start time.
 */
import type { RequestHandler } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BillingStatus, Capability, ComponentHealth } from '../../src/lib/api/schemas'
import { createDb, db, type Db } from '../../mocks/db'
import { scenarioNames, type ScenarioName } from '../../mocks/scenarios/registry'
import { readScenarioLink } from '../../mocks/scenarios/scenario-link'
import { createScenarioRunner, type HandlerHost } from '../../mocks/scenarios/scenario-runner'
import { memoryStorage } from '../../mocks/scenarios/scenario-state'
import type { KeyValueStorage } from '../../mocks/backend/persistence'
import { API, ok, refused, send } from './support'
import '../support/legacy-contract/backend'
import { useScenario as useContractScenario } from '../support/legacy-contract/scenario'

const T0 = Date.parse('2026-03-02T10:00:00.000Z')

afterEach(() => {
  vi.useRealTimers()
})

/** Pins the clock (Date only, or the timers too) at T0, and reseeds the backend on it. */
function pinClock(toFake: 'date' | 'all' = 'date'): void {
  vi.useFakeTimers(toFake === 'date' ? { toFake: ['Date'], now: T0 } : { now: T0 })
  db.reset()
}

type Health = Record<Capability, ComponentHealth>
const all = (health: ComponentHealth): Health => ({
  subscription: health,
  invoices: health,
  payments: health,
  billingDetails: health,
})
const operational = all('operational')

const providerHealth = (status: BillingStatus): Partial<Health> =>
  Object.fromEntries(status.components.flatMap((c) => (c.capability ? [[c.capability, c.status]] : [])))

/** The list the status page and the app's probe gate rely on, scenario by scenario. */
const expected: Record<Exclude<ScenarioName, 'outage-then-recovery'>, Health> = {
  healthy: operational,
  'provider-down': all('down'),
  'provider-hang': all('down'),
  'provider-slow': all('degraded'),
  'provider-flaky': all('degraded'),
  'cache-layer-failure': all('degraded'),
  'partial-invoices': { ...operational, invoices: 'down' },
  'partial-payments': { ...operational, payments: 'down' },
  maintenance: operational,
  'rate-limited': all('down'),
  malformed: all('down'),
  'own-api-down': all('down'),
}

function recordingHost(): HandlerHost {
  let installed: RequestHandler[] = []
  return {
    use: (...handlers) => void (installed = [...handlers, ...installed]),
    resetHandlers: () => void (installed = []),
  }
}

describe('the report of each scenario', () => {
  for (const name of Object.keys(expected) as (keyof typeof expected)[]) {
    it(`${name}: ${Object.entries(expected[name])
      .map(([capability, health]) => `${capability} ${health}`)
      .join(', ')}`, async () => {
      useContractScenario(name)
      expect(providerHealth(db.getBillingStatus())).toEqual(expected[name])
      // The vendor's own components never take part.
      expect(
        db
          .getBillingStatus()
          .components.filter((c) => c.capability === null)
          .every((c) => c.status === 'operational'),
      ).toBe(true)
      if (name === 'own-api-down') {
        await refused(send('getBillingStatus'), 503, 'service_unavailable') // the endpoint is down; its data says down
      } else {
        expect(providerHealth(await ok('getBillingStatus'))).toEqual(expected[name])
      }
    })
  }

  it('covers every scenario', () => {
    expect([...Object.keys(expected), 'outage-then-recovery'].sort()).toEqual([...scenarioNames].sort())
  })

  it('outage-then-recovery: down during the failing step, operational after', async () => {
    const scenario = useContractScenario('outage-then-recovery')
    expect(providerHealth(await ok('getBillingStatus'))).toEqual(all('down'))
    scenario.recoverNow()
    expect(providerHealth(await ok('getBillingStatus'))).toEqual(operational)
    scenario.failNow()
    expect(providerHealth(await ok('getBillingStatus'))).toEqual(all('down'))
  })

  it('leaving a scenario takes its report with it', () => {
    const scenario = useContractScenario('provider-down')
    scenario.select('partial-payments')
    expect(providerHealth(db.getBillingStatus())).toEqual(expected['partial-payments'])
    scenario.select('healthy')
    expect(providerHealth(db.getBillingStatus())).toEqual(operational)
  })

  it('choosing the same scenario again (a reload) does not change the body', async () => {
    pinClock()
    const scenario = useContractScenario('partial-invoices')
    const before = await (await fetch(`${API}/billing-status`)).text()
    vi.setSystemTime(T0 + 5_000)
    scenario.restore()
    expect(await (await fetch(`${API}/billing-status`)).text()).toBe(before)
  })
})

describe('statusDelayMs', () => {
  /** Reads over HTTP: provider health, checkedAt and ETag. */
  async function read() {
    const response = await fetch(`${API}/billing-status`)
    const status = (await response.json()) as BillingStatus
    return { health: providerHealth(status), checkedAt: status.checkedAt, etag: response.headers.get('ETag') }
  }

  it('keeps the report operational for that long after the scenario is chosen, then reports it', async () => {
    pinClock()
    useContractScenario('provider-down', { statusDelayMs: 15_000 })
    const start = await read()
    expect(start.health).toEqual(operational)
    vi.setSystemTime(T0 + 14_999)
    expect(await read()).toEqual(start) // same body, same ETag: nothing happened yet
    vi.setSystemTime(T0 + 15_000)
    const reported = await read()
    expect(reported.health).toEqual(all('down'))
    expect(reported.checkedAt).toBe('2026-03-02T10:00:15.000Z') // the check ran as the report changed
    expect(reported.etag).not.toBe(start.etag)
    vi.setSystemTime(T0 + 40_000)
    expect((await read()).checkedAt).toBe('2026-03-02T10:00:15.000Z')
  })

  it('withholds only the failing capability’s report in a partial scenario, and a degraded one too', () => {
    pinClock()
    const scenario = useContractScenario('partial-invoices', { statusDelayMs: 1_000 })
    expect(providerHealth(db.getBillingStatus())).toEqual(operational)
    vi.setSystemTime(T0 + 1_000)
    expect(providerHealth(db.getBillingStatus())).toEqual(expected['partial-invoices'])

    scenario.select('provider-slow', { statusDelayMs: 2_000 }) // at T0 + 1 s
    expect(providerHealth(db.getBillingStatus())).toEqual(operational)
    vi.setSystemTime(T0 + 2_999)
    expect(providerHealth(db.getBillingStatus())).toEqual(operational)
    vi.setSystemTime(T0 + 3_000)
    expect(providerHealth(db.getBillingStatus())).toEqual(all('degraded'))
  })

  it('never reports a scenario left before its delay ran out', () => {
    pinClock()
    const scenario = useContractScenario('provider-down', { statusDelayMs: 10_000 })
    vi.setSystemTime(T0 + 5_000)
    scenario.select('healthy')
    vi.setSystemTime(T0 + 60_000)
    expect(providerHealth(db.getBillingStatus())).toEqual(operational)
  })

  it('does not hold back the operators’ maintenance flag', () => {
    pinClock()
    useContractScenario('maintenance', { statusDelayMs: 60_000 })
    expect(db.getBillingStatus().maintenance.enabled).toBe(true)
  })

  it('counts from the start of a timeline’s failing step, each time it starts', () => {
    pinClock('all')
    const runner = createScenarioRunner({ host: recordingHost(), db })
    runner.select('outage-then-recovery', { outageMs: 60_000, statusDelayMs: 15_000 })
    vi.advanceTimersByTime(14_999)
    expect(providerHealth(db.getBillingStatus())).toEqual(operational)
    vi.advanceTimersByTime(1)
    expect(providerHealth(db.getBillingStatus())).toEqual(all('down'))
    vi.advanceTimersByTime(45_000) // T0 + 60 s: recovered, reported at once
    expect(runner.getState().timeline?.label).toBe('Provider recovered')
    expect(providerHealth(db.getBillingStatus())).toEqual(operational)
    expect(db.getBillingStatus().checkedAt).toBe('2026-03-02T10:01:00.000Z')

    vi.advanceTimersByTime(10_000)
    runner.failNow() // T0 + 70 s: the failing step starts again
    vi.advanceTimersByTime(14_999)
    expect(providerHealth(db.getBillingStatus())).toEqual(operational)
    vi.advanceTimersByTime(1)
    expect(providerHealth(db.getBillingStatus())).toEqual(all('down'))
    runner.dispose()
  })

  it('never reports an outage shorter than the delay', () => {
    pinClock('all')
    const runner = createScenarioRunner({ host: recordingHost(), db })
    runner.select('outage-then-recovery', { outageMs: 5_000, statusDelayMs: 15_000 })
    vi.advanceTimersByTime(60_000)
    expect(providerHealth(db.getBillingStatus())).toEqual(operational)
    runner.dispose()
  })

  /** A browser tab: its own db and runner over the storage every tab shares. */
  function tab(storage: KeyValueStorage): { db: Db; runner: ReturnType<typeof createScenarioRunner> } {
    const tabDb = createDb({ storage })
    return { db: tabDb, runner: createScenarioRunner({ host: recordingHost(), db: tabDb, storage }) }
  }

  it('holds across a reload and in a second tab: derived from the stored start, not a timer', () => {
    pinClock()
    const storage = memoryStorage() // localStorage: both the db's state and the scenario choice
    const first = tab(storage)
    first.runner.select('provider-down', { statusDelayMs: 15_000 })
    first.runner.dispose()

    vi.setSystemTime(T0 + 5_000)
    const reloaded = tab(storage)
    expect(reloaded.runner.restore()).toBe('provider-down')
    expect(reloaded.runner.getState().optionsInUse).toEqual({ statusDelayMs: 15_000 })
    const second = tab(storage) // opened later, never chose anything
    second.db.sync()
    expect(providerHealth(reloaded.db.getBillingStatus())).toEqual(operational)
    expect(providerHealth(second.db.getBillingStatus())).toEqual(operational)

    vi.setSystemTime(T0 + 15_000)
    expect(providerHealth(reloaded.db.getBillingStatus())).toEqual(all('down'))
    expect(second.db.getBillingStatus()).toEqual(reloaded.db.getBillingStatus())
    expect(second.db.getBillingStatus().checkedAt).toBe('2026-03-02T10:00:15.000Z')
    reloaded.runner.dispose()
    second.runner.dispose()
  })

  it('is shown among the options in use when set, where there is a report to withhold', () => {
    const runner = createScenarioRunner({ host: recordingHost(), db })
    runner.select('provider-flaky', { seed: 3, statusDelayMs: 15_000 })
    expect(runner.getState().optionsInUse).toEqual({ seed: 3, statusDelayMs: 15_000 })
    runner.select('outage-then-recovery', { statusDelayMs: 15_000 })
    expect(runner.getState().optionsInUse).toEqual({ outageMs: 60_000, statusDelayMs: 15_000 })
    runner.select('provider-flaky', { seed: 3 })
    expect(runner.getState().optionsInUse).toEqual({ seed: 3 })
    runner.select('healthy', { statusDelayMs: 15_000 })
    expect(runner.getState().optionsInUse).toEqual({})
    runner.select('maintenance', { statusDelayMs: 15_000 })
    expect(runner.getState().optionsInUse).toEqual({})
    runner.dispose()
  })

  it('is read from a link, within 0–600000 ms', () => {
    expect(readScenarioLink('http://localhost/?scenario=provider-down&statusDelayMs=15000')).toMatchObject({
      name: 'provider-down',
      options: { statusDelayMs: 15_000 },
      problems: [],
      cleanUrl: '/',
    })
    const tooLong = readScenarioLink('http://localhost/?scenario=provider-down&statusDelayMs=600001')
    expect(tooLong?.options).toEqual({})
    expect(tooLong?.problems).toEqual(['Ignored statusDelayMs="600001": not a valid number.'])
  })

  it('is 0 by default: every scenario reports at once', () => {
    pinClock()
    useContractScenario('provider-hang')
    expect(providerHealth(db.getBillingStatus())).toEqual(all('down'))
  })
})
