/**
 * `npm run mock-server -- --root dist --scenario provider-hang`: a built app and the simulated
 * billing API (the MSW handlers and scenarios) on one local HTTP origin. See
 * scripts/mock-server/server.ts for the control endpoints (switch the scenario at run time).
 *
 *   --root <dir>          the build to serve (default dist; build it first: npm run build)
 *   --port <n>            default 4180; 0 picks a free one
 *   --host <address>      default 127.0.0.1
 *   --scenario <name>     the outage scenario to start in (default healthy)
 *   --option <name=value> a scenario option, repeatable: --option outageMs=5000 --option statusDelayMs=15000
 *   --verbose             one line per request on stderr
 *
 * Prints one line when it listens, `mock-server listening on <url> ...`, then nothing per request.
 */
import { parseArgs } from 'node:util'
import { scenarioNames, isScenarioName } from '../mocks/scenarios/registry'
import { scenarioOptionsSchema } from '../mocks/scenarios/options'
import { startMockServer } from './mock-server/server'

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4180' },
    host: { type: 'string', default: '127.0.0.1' },
    scenario: { type: 'string', default: 'healthy' },
    option: { type: 'string', multiple: true, default: [] },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
})

if (!isScenarioName(values.scenario)) {
  console.error(`Unknown scenario "${values.scenario}". One of: ${scenarioNames.join(', ')}`)
  process.exit(2)
}
const scenarioOptions = scenarioOptionsSchema.parse(
  Object.fromEntries(
    values.option.map((option) => {
      const [name = '', value = ''] = option.split('=')
      return [name, Number(value)]
    }),
  ),
)

const server = await startMockServer({
  root: values.root,
  port: Number(values.port),
  host: values.host,
  scenario: values.scenario,
  scenarioOptions,
  verbose: values.verbose,
})
console.log(`mock-server listening on ${server.url} (serving ${values.root}, scenario ${values.scenario})`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0))
  })
}
