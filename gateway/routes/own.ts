/**
 * The vendor's own endpoints: the account, the catalog copy, the status report (public and
 * cacheable) and the operators' maintenance switch, the alert intake. None of them asks Zuora, so
 * they answer through a Zuora outage.
 */
import { alertInputSchema, maintenanceInputSchema } from '../../src/lib/api/schemas'
import { ownApiAvailable, requireOperator, requireSession } from '../context'
import { publicCatalog } from '../config/billing-catalog'
import { empty, json, readBody } from '../http/respond'
import { joinOpenIncident } from '../own/incidents'
import { changeStatus, recordAlert, setMaintenance, statusReport } from '../own/status'
import { matchesIfNoneMatch, statusCacheHeaders, strongEtag } from '../own/status-cache'
import type { RouteModule } from './types'

export const ownRoutes: RouteModule = (app, deps) => {
  const now = () => new Date(deps.clock.now())

  app.get('/account', async (c) => {
    ownApiAvailable(deps)
    const { account } = await requireSession(deps, c.req.raw)
    return json({ id: account.id, name: account.name, agentsInUse: account.agentsInUse, createdAt: account.createdAt })
  })

  app.get('/catalog', async (c) => {
    ownApiAvailable(deps)
    await requireSession(deps, c.req.raw)
    return json(publicCatalog(deps.catalog.catalog))
  })

  // Public: no session, the same answer for everyone, so nginx and a CDN may keep it (own/status-cache.ts).
  app.get('/billing-status', async (c) => {
    ownApiAvailable(deps)
    const body = JSON.stringify(statusReport(await deps.own.read(), now()))
    const etag = strongEtag(body)
    const headers = statusCacheHeaders(etag)
    if (matchesIfNoneMatch(c.req.header('If-None-Match') ?? null, etag))
      return new Response(null, { status: 304, headers })
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json', ...headers } })
  })

  app.put('/billing-status/maintenance', async (c) => {
    ownApiAvailable(deps)
    const who = await requireOperator(deps, c.req.raw, 'Only billing operators can switch maintenance mode.')
    const input = await readBody(c.req.raw, maintenanceInputSchema)
    const state = await deps.own.mutate((draft) => {
      changeStatus(draft, now(), (d) => setMaintenance(d, input, now()))
      return draft
    })
    deps.log({ event: 'maintenance', enabled: input.enabled, by: who.user.id })
    return json(statusReport(state, now()))
  })

  app.post('/alerts', async (c) => {
    ownApiAvailable(deps)
    const { user, account } = await requireSession(deps, c.req.raw)
    const input = await readBody(c.req.raw, alertInputSchema)
    // Trouble the gateway already has an incident for joins it; anything else is the browser's own report.
    await deps.own.mutate((draft) => {
      if (joinOpenIncident(draft, input.capability)) return
      recordAlert(draft, input, { accountId: account.id, userId: user.id }, now())
    })
    return empty(202)
  })

  app.get('/alerts', async (c) => {
    ownApiAvailable(deps)
    await requireOperator(deps, c.req.raw, 'Only billing operators can read alerts.')
    return json({ alerts: (await deps.own.read()).alerts })
  })
}
