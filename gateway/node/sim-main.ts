/**
 * `npm run gateway:sim -- --port 8080`: the gateway in simulated mode (the Zuora simulator beside
 * it, the demo users, control endpoints under /__control/: see sim-server.ts).
 *
 *   --port <n>            default 8080; 0 picks a free one
 *   --host <address>      default 127.0.0.1
 *   --root <dir>          a built app to serve beside /api (e.g. dist after npm run build)
 *   --scenario <name>     the Zuora scenario to start in (default healthy)
 *   --option <name=value> a scenario option, repeatable (statusDelayMs holds the report back)
 *   --allow-origin <o>    another origin allowed to write and to use the control endpoints (nginx in front)
 *   --quiet               no JSON log lines
 */
import { parseArgs } from 'node:util'
import { isScenarioName, scenarioNames } from '../../mocks/scenarios/names'
import { scenarioOptionsSchema } from '../../mocks/scenarios/options'
import { survivingClientAborts } from './client-aborts'
import { startGatewaySim } from './sim-server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    root: { type: 'string' },
    scenario: { type: 'string', default: 'healthy' },
    option: { type: 'string', multiple: true, default: [] },
    'allow-origin': { type: 'string', multiple: true, default: [] },
    quiet: { type: 'boolean', default: false },
  },
  strict: true,
})

if (!isScenarioName(values.scenario)) {
  console.error(`Unknown scenario "${values.scenario}". One of: ${scenarioNames.join(', ')}`)
  process.exit(2)
}
const options = scenarioOptionsSchema.safeParse(
  Object.fromEntries(values.option.map((option) => [option.split('=')[0] ?? '', Number(option.split('=')[1])])),
)
if (!options.success) {
  console.error(`Bad --option: ${options.error.message}`)
  process.exit(2)
}
survivingClientAborts((event) =>
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), ...event })}\n`),
)
const sim = await startGatewaySim({
  port: Number(values.port),
  host: values.host,
  root: values.root ?? null,
  scenario: values.scenario,
  scenarioOptions: options.data,
  allowedOrigins: values['allow-origin'],
  log: !values.quiet,
})
console.log(
  `gateway (simulated Zuora) listening on ${sim.url}${values.root ? ` serving ${values.root}` : ''}, scenario ${values.scenario}`,
)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void sim.close().then(() => process.exit(0)))
