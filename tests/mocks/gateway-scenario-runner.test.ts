// @vitest-environment node
/**
 * The scenario QA choose (the toolbar, a `?scenario=` link) as the in-page gateway's runner keeps
 * it: stored, so a reload and other tabs take it up with its options and where its timeline
 * stands; what storage holds that this code cannot read falls back to healthy; a link's scenario
 * and options are read, checked, and taken out of the address.
 */
import { afterEach, expect, test, vi } from 'vitest'
import { createGatewayScenarioRunner, type GatewayScenarioRunner } from '../../mocks/in-page/gateway-scenario-runner'
import { createInPageGateway, type InPageGateway } from '../../mocks/in-page/in-page-gateway'
import { readScenarioLink } from '../../mocks/scenarios/scenario-link'
import { SCENARIO_STORAGE_KEY } from '../../mocks/scenarios/scenario-state'
import { MemoryStorage } from '../support/memory-storage'

const ORIGIN = 'http://localhost'
const opened: { page: InPageGateway; runner: GatewayScenarioRunner }[] = []

afterEach(() => {
  for (const { page, runner } of opened.splice(0)) {
    runner.dispose()
    page.stop()
  }
  vi.useRealTimers()
})

/** A page load (or a tab): its gateway and simulator, and the toolbar's runner, over one storage. */
async function openPage(storage: MemoryStorage) {
  const page = createInPageGateway({ apiBase: `${ORIGIN}/api`, origin: ORIGIN, storage })
  await page.restore()
  const runner = createGatewayScenarioRunner({ backend: page, storage })
  opened.push({ page, runner })
  return runner
}

test('the choice is stored: a reload takes it up with its options and where its timeline stands', async () => {
  vi.useFakeTimers({ now: new Date('2026-03-02T10:00:00Z'), toFake: ['Date'] })
  const storage = new MemoryStorage()
  const before = await openPage(storage)
  await before.select('outage-then-recovery', { outageMs: 30_000 })
  vi.setSystemTime(Date.now() + 10_000)

  const after = await openPage(storage)
  expect(await after.restore()).toBe('outage-then-recovery')
  expect(after.getState()).toMatchObject({
    options: { outageMs: 30_000 },
    timeline: { label: 'Zuora down', endsAt: Date.now() + 20_000 },
  })

  // Closed during the outage, opened after it: the timeline is past its outage.
  vi.setSystemTime(Date.now() + 60_000)
  const later = await openPage(storage)
  await later.restore()
  expect(later.getState().timeline?.label).toBe('Zuora recovered')
})

test('a stored choice this code cannot read falls back to healthy', async () => {
  const storage = new MemoryStorage()
  const runner = await openPage(storage)
  const stored = (choice: object) =>
    storage.setItem(SCENARIO_STORAGE_KEY, JSON.stringify({ version: 1, startedAt: 1, stepApplied: -1, ...choice }))
  stored({ name: 'provider-on-fire', options: {} })
  expect(await runner.restore()).toBe('healthy')
  storage.setItem(SCENARIO_STORAGE_KEY, '{not json')
  expect(await runner.restore()).toBe('healthy')
  stored({ name: 'provider-down', options: { outageMs: -5 } })
  expect(await runner.restore()).toBe('healthy')
  stored({ name: 'provider-down', options: {} })
  expect(await runner.restore()).toBe('provider-down')
})

test('another tab follows the choice; storage cleared in another tab does not drop it', async () => {
  const storage = new MemoryStorage()
  const first = await openPage(storage)
  const second = await openPage(storage)
  let deliver: ((event: StorageEvent) => void) | undefined
  second.watchOtherTabs({
    addEventListener: (_: 'storage', listener: (event: StorageEvent) => void) => void (deliver = listener),
    removeEventListener: () => void (deliver = undefined),
  })
  const notify = (key: string | null = SCENARIO_STORAGE_KEY) => deliver?.({ key } as StorageEvent)

  await first.select('outage-then-recovery')
  notify()
  await vi.waitFor(() =>
    expect(second.getState()).toMatchObject({ name: 'outage-then-recovery', timeline: { label: 'Zuora down' } }),
  )

  await first.select('provider-down')
  notify()
  await vi.waitFor(() => expect(second.getState().name).toBe('provider-down'))
  storage.removeItem(SCENARIO_STORAGE_KEY)
  notify(null)
  expect(second.getState().name).toBe('provider-down')
  const reloaded = await openPage(storage)
  expect(await reloaded.restore()).toBe('provider-down')
})

test('a link selects a scenario and its options, and is removed from the address', () => {
  expect(
    readScenarioLink('http://localhost/invoices?status=paid&scenario=outage-then-recovery&outageMs=5000#top'),
  ).toEqual({
    name: 'outage-then-recovery',
    options: { outageMs: 5_000 },
    problems: [],
    cleanUrl: '/invoices?status=paid#top',
  })
  expect(readScenarioLink('http://localhost/?scenario=provider-flaky&seed=42')).toMatchObject({
    name: 'provider-flaky',
    options: { seed: 42 },
  })
  expect(readScenarioLink('http://localhost/invoices?status=paid')).toBeNull()
})

test('a link with an unknown scenario or a bad option says so and uses healthy or the default', () => {
  expect(readScenarioLink('http://localhost/?scenario=xyz')).toEqual({
    name: 'healthy',
    options: {},
    problems: ['Unknown scenario "xyz": using healthy.'],
    cleanUrl: '/',
  })
  expect(readScenarioLink('http://localhost/?scenario=outage-then-recovery&outageMs=soon')).toMatchObject({
    name: 'outage-then-recovery',
    options: {},
    problems: ['Ignored outageMs="soon": not a valid number.'],
  })
})
