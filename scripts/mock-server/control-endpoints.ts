/**
 * The control endpoints of the mock server (`/__control/*`, listed in server.ts's header): switch
 * the scenario, reset the data, read or forget the request log. Kept apart from the HTTP server;
 * the cross-site check runs before them (request-guards.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { db } from '../../mocks/db'
import { scenarioOptionsSchema } from '../../mocks/scenarios/options'
import { isScenarioName } from '../../mocks/scenarios/registry'
import type { ScenarioRunner } from '../../mocks/scenarios/scenario-runner'
import { readJson, sendJson } from './http-messages'
import type { RequestLog } from './request-log'
import { ControlError } from './request-guards'

/** The control endpoints on this server's scenario runner and request log. */
export function createControlEndpoints(runner: ScenarioRunner, requests: RequestLog) {
  async function answerControl(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const route = `${request.method} ${url.pathname}`
    switch (route) {
      case 'GET /__control/scenario':
        return sendJson(response, 200, runner.getState())
      case 'POST /__control/scenario': {
        const body = await readJson(request)
        const name = typeof body.name === 'string' ? body.name : ''
        if (!isScenarioName(name)) throw new ControlError(400, `Unknown scenario "${name}"`)
        const parsed = scenarioOptionsSchema.safeParse(body.options ?? {})
        if (!parsed.success) throw new ControlError(400, `Bad scenario options: ${parsed.error.message}`)
        runner.select(name, parsed.data)
        return sendJson(response, 200, runner.getState())
      }
      case 'POST /__control/recover':
        runner.recoverNow()
        return sendJson(response, 200, runner.getState())
      case 'POST /__control/fail':
        runner.failNow()
        return sendJson(response, 200, runner.getState())
      case 'POST /__control/reset':
        runner.select('healthy')
        db.reset()
        requests.clear()
        return sendJson(response, 200, runner.getState())
      case 'GET /__control/requests': {
        const since = Number(url.searchParams.get('since') ?? 0)
        return sendJson(response, 200, {
          now: Date.now(),
          requests: requests.since(Number.isFinite(since) ? since : 0),
        })
      }
      case 'DELETE /__control/requests':
        requests.clear()
        return sendJson(response, 200, { now: Date.now() })
      default:
        throw new ControlError(404, `No control endpoint ${route}`)
    }
  }

  return answerControl
}
