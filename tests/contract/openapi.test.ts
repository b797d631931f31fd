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
    expect(operation.tags[0]).toBe(operation['x-provider-capability'] === null ? 'own' : `provider:${operation['x-provider-capability']}`)
  }
})
