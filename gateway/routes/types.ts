import type { Hono } from 'hono'
import type { GatewayDeps } from '../context'

/** What the request-id middleware leaves for the routes. */
export type GatewayEnv = { Variables: { requestId: string } }

export type GatewayApp = Hono<GatewayEnv>

export type RouteModule = (app: GatewayApp, deps: GatewayDeps) => void
