/**
 * Development and demo builds only (reached through main.tsx's `if (__MOCKS__)` import): chooses
 * the outage scenario for this page load and mounts the toolbar. A `?scenario=` link wins and is
 * then removed from the address bar (other parameters stay), so a reload keeps the choice without
 * choosing again; otherwise the stored choice applies. Other tabs' choices are followed live.
 */
import type { SetupWorker } from 'msw/browser'
import { defaultStorage } from '../../mocks/backend/persistence'
import { db } from '../../mocks/db'
import { readScenarioLink } from '../../mocks/scenarios/scenario-link'
import { createScenarioRunner } from '../../mocks/scenarios/scenario-runner'
import { mountScenarioToolbar } from './mount-scenario-toolbar'

export function startScenarios(worker: SetupWorker, problems: string[] = []): void {
  const runner = createScenarioRunner({ host: worker, db, storage: defaultStorage() ?? undefined })
  const link = readScenarioLink(window.location.href)
  if (link) {
    window.history.replaceState(window.history.state, '', link.cleanUrl)
    runner.select(link.name, link.options)
  } else {
    runner.restore()
  }
  runner.watchOtherTabs(window)
  mountScenarioToolbar(runner, [...problems, ...(link?.problems ?? [])], 'contract')
}
