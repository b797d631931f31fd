/**
 * Writes docs/openapi.json from the contract (src/lib/api/contract.ts), so the document, the
 * runtime validation and the simulated backend share one definition. `npm run openapi` rewrites
 * it; tests/contract/openapi.test.ts fails when the committed document is out of date.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod/mini'
import { endpoints, type Endpoint } from '../src/lib/api/contract'
import { apiErrorSchema } from '../src/lib/api/schemas'

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' })

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: jsonSchema(apiErrorSchema, 'output') } },
})

function operation(name: string, endpoint: Endpoint) {
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
  const ok =
    endpoint.response === 'empty'
      ? { description: 'Done' }
      : endpoint.response === 'pdf'
        ? { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }
        : { description: 'OK', content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } } }
  return {
    operationId: name,
    summary: endpoint.summary,
    tags: [endpoint.capability === null ? 'own' : `provider:${endpoint.capability}`],
    'x-provider-capability': endpoint.capability,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.request
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.request, 'input') } } } }
      : {}),
    responses: {
      [endpoint.method === 'POST' && endpoint.response === 'empty' ? '202' : endpoint.response === 'empty' ? '204' : '200']: ok,
      '4XX': errorResponse('The request cannot be served as sent (400, 401, 403, 404, 409, 422, 429 with Retry-After)'),
      '5XX': errorResponse('The server or the billing provider failed (503 with Retry-After during maintenance)'),
    },
  }
}

export function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [name, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
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
