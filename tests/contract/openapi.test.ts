// @vitest-environment node
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { buildOpenApi, openApiPath } from '../../scripts/openapi'

test('docs/openapi.json matches the contract the app validates against (run `npm run openapi`)', () => {
  const committed: unknown = JSON.parse(readFileSync(openApiPath, 'utf8'))
  expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi())))
})

test('every provider-backed operation is tagged with its capability', () => {
  const document = buildOpenApi()
  const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods)) as Array<{
    tags: string[]
    'x-provider-capability': string | null
  }>
  expect(operations.length).toBeGreaterThan(15)
  for (const operation of operations) {
    expect(operation.tags[0]).toBe(
      operation['x-provider-capability'] === null ? 'own' : `provider:${operation['x-provider-capability']}`,
    )
  }
})

test('the billing status says it needs no session, how it may be cached and what its health values mean', () => {
  const document = buildOpenApi()
  const get = document.paths['/billing-status']?.get as {
    security?: unknown[]
    'x-auth'?: string
    description?: string
    parameters?: Array<{ name: string; in: string }>
    responses: Record<
      string,
      {
        headers?: Record<string, { schema: { example?: unknown } }>
        content?: Record<string, { schema: Record<string, unknown> }>
      }
    >
  }
  expect(get.security).toEqual([])
  expect(get['x-auth']).toBe('none')
  expect(get.description).toMatch(/No session needed/)
  expect(get.parameters).toContainEqual(expect.objectContaining({ name: 'If-None-Match', in: 'header' }))
  for (const status of ['200', '304']) {
    expect(Object.keys(get.responses[status]?.headers ?? {})).toEqual(['Cache-Control', 'ETag', 'X-Poll-Interval'])
  }
  expect(get.responses['200']?.headers?.['Cache-Control']?.schema.example).toBe(
    'public, max-age=2, stale-while-revalidate=2, stale-if-error=600',
  )
  expect(get.responses['200']?.headers?.['X-Poll-Interval']?.schema.example).toBe(5)

  const schema = get.responses['200']?.content?.['application/json']?.schema as {
    description: string
    properties: {
      checkedAt: { description: string }
      components: { items: { properties: { status: { description: string } } } }
    }
  }
  expect(schema.description).toMatch(/at least every 5 s and publishes a change within 5 s/)
  expect(schema.properties.checkedAt.description).toMatch(/health checks last ran/)
  const health = schema.properties.components.items.properties.status.description
  for (const meaning of [
    '`operational`',
    'error rate under 1 %',
    'p95 latency under 1 s',
    '`degraded`',
    'p95 ≥ 1 s',
    '1–50 %',
    '`down`',
    '≥ 50 %',
    '(5 s)',
    'pause',
  ]) {
    expect(health).toContain(meaning)
  }
})

test('only the endpoints flagged auth: none go without a session in the document', () => {
  const document = buildOpenApi()
  const open = Object.values(document.paths).flatMap((methods) =>
    Object.values(methods as Record<string, { operationId: string; security?: unknown[] }>).filter(
      (op) => op.security !== undefined,
    ),
  )
  expect(open.map((op) => op.operationId)).toEqual(['getBillingStatus'])
})
