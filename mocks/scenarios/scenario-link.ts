/**
 * A link selects a scenario: `?scenario=provider-down`, with optional `outageMs`, `seed`,
 * `slowMs`, `statusDelayMs` and `orderCommitMs`. This reads it and says what the URL looks like without those parameters (the other
 * parameters stay), so that a reload does not choose the scenario again.
 */
import { scenarioOptionNames, scenarioOptionsSchema, type ScenarioOptions } from './options'
import { isScenarioName, type ScenarioName } from './names'

export type ScenarioLink = {
  /** The scenario to apply: the one asked for, or `healthy` when the name is unknown. */
  name: ScenarioName
  options: ScenarioOptions
  /** What to tell QA when the link asked for something that does not exist; empty when all is well. */
  problems: string[]
  /** The same URL (path, other parameters, hash) without the scenario parameters. */
  cleanUrl: string
}

export function readScenarioLink(href: string): ScenarioLink | null {
  const url = new URL(href)
  const asked = url.searchParams.get('scenario')
  if (asked === null) return null
  const problems: string[] = []
  const name = isScenarioName(asked) ? asked : 'healthy'
  if (name !== asked) problems.push(`Unknown scenario "${asked}": using healthy.`)

  const options: ScenarioOptions = {}
  for (const option of scenarioOptionNames) {
    const value = url.searchParams.get(option)
    if (value === null) continue
    const parsed = scenarioOptionsSchema.shape[option].safeParse(value.trim() === '' ? Number.NaN : Number(value))
    if (parsed.success && parsed.data !== undefined) options[option] = parsed.data
    else problems.push(`Ignored ${option}="${value}": not a valid number.`)
  }

  url.searchParams.delete('scenario')
  for (const option of scenarioOptionNames) url.searchParams.delete(option)
  return { name, options, problems, cleanUrl: `${url.pathname}${url.search}${url.hash}` }
}
