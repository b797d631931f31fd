/**
 * Writes docs/openapi.json from the contract (src/lib/api/contract.ts), so the document, the
 * runtime validation and the simulated backend share one definition. `npm run openapi` rewrites
 * it; tests/contract/openapi.test.ts fails when the committed document is out of date.
 *
 * What goes in: each endpoint's summary and description (`endpointDescriptions`), whether it needs
 * a session (`auth`), the schemas with their descriptions (registered by schemas.ts's describe
 * functions, kept out of the app's bundle), and the response headers an endpoint promises, with
 * the values the reference backend in mocks/ sends.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod/mini'
import { STATUS_CACHE, statusCacheControl } from '../gateway/own/status-cache'
import { endpoints, type Endpoint, type EndpointName } from '../src/lib/api/contract'
import { endpointDescriptions, endpointSummaries } from '../src/lib/api/contract-descriptions'
import { invoiceCsvFileName } from '../src/lib/api/invoice-csv'
import { apiErrorSchema, describeBillingStatus } from '../src/lib/api/schemas'

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' })

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: jsonSchema(apiErrorSchema, 'output') } },
})

type Header = { description: string; required: boolean; schema: Record<string, unknown> }

/** What a read answered from the server's copy says (contract.ts `answeredFromCopy`). */
const copyAsOfHeader: Header = {
  description:
    'Only on an answer from the server’s copy: the ISO 8601 date-time at which the copy was fetched from the provider.',
  required: false,
  schema: { type: 'string', format: 'date-time' },
}

/** On every answer of a provider-backed endpoint that called the provider (gateway/http/provider-timing.ts). */
const providerTimingHeader: Header = {
  description:
    'How long the provider took over this answer, measured by the server: `zuora;dur=<ms>;desc="slowest of <n> calls"` (W3C Server Timing), the slowest of the provider calls behind it. ' +
    'Absent when the answer called no provider. A client may count a read the provider took 2 s or more over as slow, which its own clock (with its machine and network in it) cannot tell below 3 s.',
  required: false,
  schema: { type: 'string', example: 'zuora;dur=2386;desc="slowest of 1 call"' },
}

/** Response headers by endpoint (200 and, with an ETag, 304): the status report's caching contract. */
const responseHeaders: Partial<Record<EndpointName, Record<string, Header>>> = {
  getBillingStatus: {
    'Cache-Control': {
      description:
        'The report may be cached by anyone for max-age seconds and served stale for stale-while-revalidate more while it is fetched again, ' +
        'so that a change reaches every visible client within 10 s (max-age + stale-while-revalidate + one poll interval); ' +
        'stale-if-error lets a cache keep answering with the last report when the origin fails.',
      required: true,
      schema: { type: 'string', example: statusCacheControl() },
    },
    ETag: {
      description:
        'A strong validator of the body (a hash of it, quoted). Send it back in If-None-Match to get a 304 while nothing changed.',
      required: true,
      schema: { type: 'string', example: '"5f2b9c0e7d41a3b6"' },
    },
    'X-Poll-Interval': {
      description:
        'Seconds the client waits before it asks for the report again. Clients must obey it, as it stands in the latest answer.',
      required: true,
      schema: { type: 'integer', minimum: 1, example: STATUS_CACHE.pollIntervalSeconds },
    },
  },
  exportInvoicesCsv: {
    'Content-Disposition': {
      description: 'An attachment, with a file name.',
      required: true,
      schema: { type: 'string', example: `attachment; filename="${invoiceCsvFileName('2026-03-20')}"` },
    },
    'Cache-Control': {
      description: 'The file is the account’s own: nobody keeps it.',
      required: true,
      schema: { type: 'string', example: 'private, no-store' },
    },
    'X-Billing-Copy-As-Of': copyAsOfHeader,
  },
}

function operation(name: EndpointName, endpoint: Endpoint) {
  const parameters = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, param]) => ({
    name: param,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
  for (const name of Object.keys(endpoint.query ?? {})) {
    parameters.push({ name, in: 'query', required: false, schema: { type: 'string' } })
  }
  if (endpoint.idempotencyKey) {
    parameters.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } })
  }
  const headers =
    endpoint.capability === null
      ? responseHeaders[name]
      : { ...responseHeaders[name], 'Server-Timing': providerTimingHeader }
  const conditional = headers?.ETag !== undefined
  if (conditional) {
    parameters.push({ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } })
  }
  const ok =
    endpoint.response === 'empty'
      ? { description: 'Done' }
      : endpoint.response === 'pdf'
        ? { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }
        : endpoint.response === 'csv'
          ? {
              description: 'The CSV file',
              ...(headers ? { headers } : {}),
              content: { 'text/csv': { schema: { type: 'string' } } },
            }
          : {
              description: 'OK',
              ...(headers ? { headers } : {}),
              content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } },
            }
  return {
    operationId: name,
    summary: endpointSummaries[name],
    ...(endpointDescriptions[name] ? { description: endpointDescriptions[name] } : {}),
    tags: [endpoint.capability === null ? 'own' : `provider:${endpoint.capability}`],
    'x-provider-capability': endpoint.capability,
    // No session needed: an empty requirement, and the contract's flag as is for tools that read it.
    ...(endpoint.auth === 'none' ? { security: [], 'x-auth': 'none' } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.request
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(endpoint.request, 'input') } },
          },
        }
      : {}),
    responses: {
      [endpoint.method === 'POST' && endpoint.response === 'empty'
        ? '202'
        : endpoint.response === 'empty'
          ? '204'
          : '200']: ok,
      ...(conditional
        ? {
            '304': {
              description: 'Not modified: If-None-Match named the current ETag. No body; the same headers as a 200.',
              headers,
            },
          }
        : {}),
      '4XX': errorResponse('The request cannot be served as sent (400, 401, 403, 404, 409, 422, 429 with Retry-After)'),
      '5XX': errorResponse('The server or the billing provider failed (503 with Retry-After during maintenance)'),
    },
  }
}

export function buildOpenApi() {
  describeBillingStatus()
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [name, endpoint] of Object.entries(endpoints) as [EndpointName, Endpoint][]) {
    paths[endpoint.path] ??= {}
    paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(name, endpoint)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Billing API (backend for frontend)',
      version: '1.0.0',
      description:
        "Operations tagged `own` are the vendor's and stay up when the billing provider fails; `provider:*` operations fail with it.",
    },
    servers: [{ url: '/api' }],
    paths,
  }
}

export const openApiPath = fileURLToPath(new URL('../docs/openapi.json', import.meta.url))

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(openApiPath, `${JSON.stringify(buildOpenApi(), null, 2)}\n`)
  console.log(`wrote ${openApiPath}`)
}
