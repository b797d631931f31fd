// @vitest-environment node
/** QA read the scenarios in the README: its table says what each does at the simulated Zuora, word for word. */
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { scenarioNames } from '../../mocks/scenarios/names'
import { simScenarios } from '../../mocks/zuora/scenarios'

test('the README lists every scenario with the Zuora simulator’s own description', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const table = readme.slice(readme.indexOf('| scenario | what happens |')).split('\n\n')[0] ?? ''
  const rows = table.split('\n').slice(2)
  expect(rows).toEqual(scenarioNames.map((name) => `| \`${name}\` | ${simScenarios[name].description} |`))
})
