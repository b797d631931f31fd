/**
 * Building blocks of the outage scenarios: which routes of the billing API belong to the provider
 * and which are the vendor's own (read from contract.ts, so a new endpoint is covered without
 * touching this file), the answers a sick provider gives, and handlers that put a fault in front
 * of the healthy handlers. A fault that returns nothing lets the healthy handler answer.
 */
import { getResponse, http, HttpResponse, type DefaultBodyType, type RequestHandler } from 'msw'
import type { z } from 'zod/mini'
import { endpoints, type Endpoint, type EndpointName } from '../../src/lib/api/contract'
import type { Capability } from '../../src/lib/api/schemas'
import { handlers as healthyHandlers } from '../handlers'
import { api } from '../handlers/http'

export type ApiRoute = {
  name: EndpointName
  endpoint: Endpoint
  /** The MSW pattern of the endpoint, `*\/api/invoices/:invoiceId`. */
  pattern: string
}

export const apiRoutes: readonly ApiRoute[] = (Object.keys(endpoints) as EndpointName[]).map((name) => ({
  name,
  endpoint: endpoints[name],
  pattern: api(endpoints[name].path.replace(/\{(\w+)\}/g, ':$1')),
}))

/** Every endpoint the billing provider backs: they fail when it fails. */
export const providerRoutes = apiRoutes.filter((route) => route.endpoint.capability !== null)

export const capabilityRoutes = (capability: Capability) =>
  providerRoutes.filter((route) => route.endpoint.capability === capability)

/**
 * Who is signed in and the session. Even "own API down" keeps them answering: without them the
 * app cannot tell who the admin is and shows nothing but a sign-in page, which tests nothing.
 */
const identityEndpoints: readonly EndpointName[] = ['getMe', 'signIn', 'signOut', 'switchAccount']

/** The vendor's own endpoints but identity: status, account, catalog, alerts. */
export const ownRoutes = apiRoutes.filter(
  (route) => route.endpoint.capability === null && !identityEndpoints.includes(route.name),
)

export const isRead = (route: ApiRoute) => route.endpoint.method === 'GET'

/** The endpoint's JSON schema, or null when it answers a PDF or nothing. */
export const jsonSchemaOf = (route: ApiRoute): z.ZodMiniType | null =>
  typeof route.endpoint.response === 'string' ? null : route.endpoint.response

export type Answer = HttpResponse<DefaultBodyType>
export type FaultInfo = { request: Request; route: ApiRoute }
/** An answer, or nothing to let the healthy handler answer. */
export type Fault = (info: FaultInfo) => Answer | undefined | Promise<Answer | undefined>

export function faultHandlers(routes: readonly ApiRoute[], fault: Fault): RequestHandler[] {
  return routes.map((route) => {
    const method = route.endpoint.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'
    return http[method](route.pattern, ({ request }) => fault({ request, route }))
  })
}

// ---------------------------------------------------------------- answers of a sick provider

const errorBody = (code: string, message: string) => ({ error: { code, message } })

export const providerUnavailable = (): Answer =>
  HttpResponse.json(errorBody('provider_unavailable', 'The billing provider is not responding.'), { status: 503 })

export const ownApiUnavailable = (): Answer =>
  HttpResponse.json(errorBody('service_unavailable', 'The billing API is unavailable.'), { status: 503 })

export const internalError = (): Answer =>
  HttpResponse.json(errorBody('provider_error', 'The billing provider failed to answer (cache layer error).'), {
    status: 500,
  })

/** What a gateway in front of a failing service sends: an HTML page, not the API's JSON. */
export const badGateway = (): Answer =>
  new HttpResponse('<!doctype html><title>502 Bad Gateway</title><h1>502 Bad Gateway</h1>', {
    status: 502,
    headers: { 'Content-Type': 'text/html' },
  })

export const rateLimited = (retryAfterSeconds = 30): Answer =>
  HttpResponse.json(errorBody('rate_limited', 'Too many requests to the billing provider.'), {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  })

/** Never settles: only the caller's time-out (or cancellation) ends the call. */
export const hang = (): Promise<never> => new Promise<never>(() => {})

/** What the healthy backend answers to this request (the request itself stays unread). */
export async function healthyAnswer(request: Request): Promise<Answer | undefined> {
  return (await getResponse(healthyHandlers, request.clone())) as Answer | undefined
}

/** A 200 whose body is JSON cut off half-way, as a proxy that drops the connection would leave it. */
export function truncatedJson(text: string): Answer {
  return new HttpResponse(text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  })
}

/**
 * The same data in a shape the schema refuses: numbers as strings (seats `"25"`), the classic
 * drift of an upstream that changed its serializer. A body with no number in it is wrapped in an
 * array instead, which no object schema accepts.
 */
export function schemaBreaking(json: unknown, schema: z.ZodMiniType): unknown {
  const stringified = numbersAsStrings(json)
  return schema.safeParse(stringified).success ? [json] : stringified
}

function numbersAsStrings(value: unknown): unknown {
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.map(numbersAsStrings)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, numbersAsStrings(inner)]))
  }
  return value
}
