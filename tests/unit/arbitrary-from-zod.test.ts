// @vitest-environment node
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { z } from 'zod/mini'
import { endpoints } from '@/lib/api/contract'
import { arbitraryFrom } from '../support/arbitrary-from-zod'

const schemasOfEndpoints = Object.entries(endpoints).flatMap(([name, endpoint]) => [
  ...('request' in endpoint ? [[`${name} request`, endpoint.request] as const] : []),
  ...(typeof endpoint.response === 'object' ? [[`${name} response`, endpoint.response] as const] : []),
])

test.each(schemasOfEndpoints)('every value generated for the %s parses with its schema', (_name, schema) => {
  fc.assert(
    fc.property(arbitraryFrom(schema), (value) => {
      const result = schema.safeParse(JSON.parse(JSON.stringify(value)))
      if (!result.success) throw new Error(`${JSON.stringify(value)}\n${z.prettifyError(result.error)}`)
    }),
    { seed: 10, numRuns: 40 },
  )
})

test('covers the kinds of schema the contract does not use yet, with their bounds', () => {
  const schema = z.object({
    kind: z.literal('x'),
    at: z.optional(z.iso.datetime()),
    count: z.int().check(z.positive(), z.maximum(3)),
    ratio: z.number().check(z.gte(0.5), z.lt(1)),
    tags: z.record(z.string().check(z.minLength(1)), z.boolean()),
    code: z._default(z.string().check(z.regex(/^[A-Z]{2}-\d{3}$/)), 'AA-000'),
  })
  fc.assert(
    fc.property(arbitraryFrom(schema), (value) => void expect(schema.safeParse(value).success).toBe(true)),
    { seed: 10, numRuns: 100 },
  )
})

test('generates the ends of a range, not only the middle', () => {
  const values = fc.sample(arbitraryFrom(z.int().check(z.minimum(0), z.maximum(100_000))), { seed: 10, numRuns: 300 })
  expect(values).toContain(0)
  expect(Math.max(...values)).toBeGreaterThan(50_000)
})

test('refuses a schema it has no generator for, instead of generating nothing', () => {
  expect(() => arbitraryFrom(z.date())).toThrow('no generator for a zod "date" schema')
})
