/**
 * fast-check arbitraries built from the contract's own zod schemas (zod v4, classic or mini), so
 * that a test can answer any endpoint with any value the contract allows: what a generic OpenAPI
 * mock fed docs/openapi.json would send. It walks the schema's definition (`_zod.def`): objects,
 * strings with their length and pattern checks and formats, numbers and integers with their bounds,
 * booleans, literals, enums, arrays with their bounds, optional, nullable, unions (discriminated
 * too), records, defaults and pipes (from what goes in). A kind it does not know is an error, not
 * a silent gap. Sizes are kept small (arrays, strings) so that a rendered page stays quick.
 */
import fc from 'fast-check'
import type { z } from 'zod/mini'

type Schema = z.core.$ZodType
type CheckDef = {
  check: string
  value?: unknown
  inclusive?: boolean
  minimum?: number
  maximum?: number
  length?: number
  format?: string
  pattern?: RegExp
}

/** Longest array and string generated, whatever the schema allows: pages render a few rows, not thousands. */
export const generationLimits = { arrayLength: 4, stringLength: 24 }

const checksOf = (schema: Schema): CheckDef[] =>
  ((schema._zod.def as { checks?: Array<{ _zod: { def: CheckDef } }> }).checks ?? []).map((check) => check._zod.def)

/** Values the schema accepts, as they would come over the wire (its input: before defaults and transforms). */
export function arbitraryFrom<S extends Schema>(schema: S): fc.Arbitrary<z.input<S>> {
  return build(schema) as fc.Arbitrary<z.input<S>>
}

function build(schema: Schema): fc.Arbitrary<unknown> {
  const values = buildUnchecked(schema)
  // A refine() can say anything: only the schema itself can tell which values pass it.
  return checksOf(schema).some((check) => check.check === 'custom')
    ? values.filter((value) => isValid(schema, value))
    : values
}

function buildUnchecked(schema: Schema): fc.Arbitrary<unknown> {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string }
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, Schema>
      return fc.record(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, build(value)])))
    }
    case 'string':
      return stringFrom(schema, def)
    case 'number':
      return numberFrom(schema, def)
    case 'boolean':
      return fc.boolean()
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]))
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>))
    case 'array': {
      const { min, max } = lengthBounds(checksOf(schema))
      return fc.array(build(def.element as Schema), {
        minLength: min,
        maxLength: Math.max(min, Math.min(max, generationLimits.arrayLength)),
      })
    }
    case 'optional':
      return fc.option(build(def.innerType as Schema), { nil: undefined })
    case 'nullable':
      return fc.option(build(def.innerType as Schema), { nil: null })
    case 'default':
      return build(def.innerType as Schema)
    case 'union':
      return fc.oneof(...(def.options as Schema[]).map(build))
    case 'record':
      return fc.dictionary(build(def.keyType as Schema) as fc.Arbitrary<string>, build(def.valueType as Schema), {
        maxKeys: 3,
      })
    case 'pipe': {
      // Into a transform: what goes in is the wire value. Into another schema (trim, then email): what comes out, if it also goes in.
      const out = def.out as Schema
      if (out._zod.def.type === 'transform') return build(def.in as Schema)
      return build(out).filter((value) => isValid(schema, value))
    }
    default:
      throw new Error(`arbitraryFrom: no generator for a zod "${def.type}" schema`)
  }
}

function lengthBounds(checks: CheckDef[]): { min: number; max: number } {
  let min = 0
  let max = Number.POSITIVE_INFINITY
  for (const check of checks) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum ?? 0)
    if (check.check === 'max_length') max = Math.min(max, check.maximum ?? max)
    if (check.check === 'length_equals') [min, max] = [check.length ?? 0, check.length ?? 0]
  }
  return { min, max }
}

// Formats whose own pattern fast-check cannot read (look-arounds) or that have none: a generator each.
const formatArbitraries: Record<string, () => fc.Arbitrary<string>> = {
  email: () => fc.stringMatching(/^[a-z0-9][a-z0-9_+-]{0,10}(\.[a-z0-9_+-]{1,6})?@[a-z0-9]{1,10}\.[a-z]{2,6}$/),
  url: () => fc.webUrl(),
}

function stringFrom(schema: Schema, def: Record<string, unknown>): fc.Arbitrary<string> {
  const checks = checksOf(schema)
  const { min, max } = lengthBounds(checks)
  const format = typeof def.format === 'string' ? def.format : undefined
  const pattern = (def.pattern as RegExp | undefined) ?? checks.find((check) => check.pattern)?.pattern
  let values: fc.Arbitrary<string>
  if (format && formatArbitraries[format]) values = formatArbitraries[format]()
  else if (pattern) values = fc.stringMatching(pattern)
  else {
    // Any text: accents, scripts, emoji and spaces, as names and descriptions can hold.
    const maxLength = Math.max(min, Math.min(max, generationLimits.stringLength))
    values = fc.string({ unit: 'grapheme', minLength: min, maxLength })
  }
  // Lengths count UTF-16 units, generators count characters, and a pattern knows no length: the schema decides.
  return values.filter((value) => value.length >= min && value.length <= max && isValid(schema, value))
}

const isValid = (schema: Schema, value: unknown): boolean => {
  const result = schema['~standard'].validate(value)
  return !(result instanceof Promise) && result.issues === undefined
}

function numberFrom(schema: Schema, def: Record<string, unknown>): fc.Arbitrary<number> {
  const isInteger = def.format === 'safeint' || def.format === 'int32' || def.format === 'uint32'
  let min = isInteger ? Number.MIN_SAFE_INTEGER : -Number.MAX_VALUE
  let max = isInteger ? Number.MAX_SAFE_INTEGER : Number.MAX_VALUE
  for (const check of checksOf(schema)) {
    if (check.check === 'greater_than' && typeof check.value === 'number') min = Math.max(min, check.value)
    if (check.check === 'less_than' && typeof check.value === 'number') max = Math.min(max, check.value)
  }
  // Exclusive bounds (positive()) are left to the filter: one value off each end at most.
  const values = isInteger
    ? fc.bigInt({ min: BigInt(Math.ceil(min)), max: BigInt(Math.floor(max)) }).map(Number)
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
  return values.filter((value) => isValid(schema, value))
}
