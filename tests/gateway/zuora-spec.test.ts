// @vitest-environment node
/**
 * The project's description of Zuora (gateway/zuora/spec) against Zuora's own published samples.
 * Each fixture is `{ source, operationId, sample }`, named `<operation>.json` (a response),
 * `<operation>.failure.json` (an error body) or `<operation>.request[.<label>].json` (a body Zuora
 * documents sending). A schema that drifts from a published sample fails here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import {
  createOrderResponseSchema,
  errorCategory,
  fileIdFromUrl,
  fillPath,
  isRetryableFailure,
  isRetryableReason,
  isZuoraFailure,
  RETRYABLE_CATEGORIES,
  subscriptionsByAccountResponseSchema,
  zuoraErrorBodySchema,
  zuoraFailureSchema,
  zuoraOperations,
  type ZuoraOperationName,
} from '../../gateway/zuora/spec'

const fixtureDir = join(import.meta.dirname, 'fixtures/zuora')
const fixtureSchema = z.strictObject({ source: z.string().min(10), operationId: z.string(), sample: z.unknown() })

type Fixture = z.infer<typeof fixtureSchema> & { file: string; operation: string; kind: string }

const fixtures: Fixture[] = readdirSync(fixtureDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => {
    const [operation = '', kind = 'response'] = file.replace(/\.json$/, '').split('.')
    const parsed = fixtureSchema.parse(JSON.parse(readFileSync(join(fixtureDir, file), 'utf8')))
    return { ...parsed, file, operation, kind }
  })

const operationNames = Object.keys(zuoraOperations) as ZuoraOperationName[]
const isOperation = (name: string): name is ZuoraOperationName => name in zuoraOperations
const byKind = (kind: string) => fixtures.filter((fixture) => fixture.kind === kind)

/** Turns a zod failure into one readable line per issue, so a drift names the field. */
function issues(result: { success: boolean; error?: z.ZodError }): string[] {
  return result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []
}

describe('published response samples', () => {
  test.each(byKind('response').map((fixture) => [fixture.file, fixture] as const))(
    '%s parses with its operation response schema',
    (_file, fixture) => {
      expect(isOperation(fixture.operation)).toBe(true)
      const operation = zuoraOperations[fixture.operation as ZuoraOperationName]
      expect(fixture.operationId).toBe(operation.operationId)
      expect(operation.responseSchema).not.toBe('binary')
      if (operation.responseSchema === 'binary') return
      expect(issues(operation.responseSchema.safeParse(fixture.sample))).toEqual([])
    },
  )

  test('every JSON operation but the binary download has a published sample', () => {
    const covered = new Set(byKind('response').map((fixture) => fixture.operation))
    const missing = operationNames.filter(
      (name) => zuoraOperations[name].responseSchema !== 'binary' && !covered.has(name),
    )
    expect(missing).toEqual([])
  })

  test('every operation cites a source page and a documented path', () => {
    for (const name of operationNames) {
      const operation = zuoraOperations[name]
      expect(operation.source).toMatch(/^chrisesposito92\/zuca-v2 : .+\.md$/)
      expect(operation.path).toMatch(/^\/(v1|object-query|oauth)\//)
    }
  })
})

describe('published error bodies', () => {
  test.each(byKind('failure').map((fixture) => [fixture.file, fixture] as const))(
    '%s parses as a Zuora error body',
    (_file, fixture) => {
      expect(issues(zuoraErrorBodySchema.safeParse(fixture.sample))).toEqual([])
    },
  )

  test('the 200-with-success:false samples are recognised as failures, not as results', () => {
    const orderFailure = fixtures.find((fixture) => fixture.file === 'createOrder.failure.json')
    const envelope = fixtures.find((fixture) => fixture.file === 'envelope.failure.json')
    for (const fixture of [orderFailure, envelope]) {
      expect(isZuoraFailure(fixture?.sample)).toBe(true)
      expect(createOrderResponseSchema.safeParse(fixture?.sample).success).toBe(false)
    }
    const parsed = zuoraFailureSchema.parse(orderFailure?.sample)
    expect(parsed.reasons.map((reason) => reason.code)).toEqual([53100320, 53100321])
    expect(isRetryableFailure(parsed)).toBe(false)
  })

  test('a successful answer is not mistaken for a failure', () => {
    const created = fixtures.find((fixture) => fixture.file === 'createOrder.json')
    expect(isZuoraFailure(created?.sample)).toBe(false)
  })
})

describe('published request bodies', () => {
  test.each(byKind('request').map((fixture) => [fixture.file, fixture] as const))(
    '%s passes our strict request schema',
    (_file, fixture) => {
      const operation = zuoraOperations[fixture.operation as ZuoraOperationName]
      expect(fixture.operationId).toBe(operation.operationId)
      expect('requestSchema' in operation).toBe(true)
      if (!('requestSchema' in operation)) return
      expect(issues(operation.requestSchema.safeParse(fixture.sample))).toEqual([])
    },
  )

  test('a request with a field we do not send is rejected', () => {
    const fixture = fixtures.find((candidate) => candidate.file === 'createPayment.request.json')
    const withExtra = { ...(fixture?.sample as object), billCycleDay: 1 }
    expect(zuoraOperations.createPayment.requestSchema.safeParse(withExtra).success).toBe(false)
  })

  test('an order action without trigger dates is rejected', () => {
    const body = {
      existingAccountNumber: 'A00000001',
      orderDate: '2025-01-01',
      subscriptions: [
        { subscriptionNumber: 'A-S1', orderActions: [{ type: 'RemoveProduct', removeProduct: { ratePlanId: 'rp' } }] },
      ],
    }
    expect(zuoraOperations.createOrder.requestSchema.safeParse(body).success).toBe(false)
  })
})

describe('schemas catch drift', () => {
  const sample = fixtures.find((fixture) => fixture.file === 'getSubscriptionsByAccount.json')?.sample

  test('a charge without its charge number no longer parses', () => {
    const drifted = structuredClone(sample) as {
      subscriptions: { ratePlans: { ratePlanCharges: Record<string, unknown>[] }[] }[]
    }
    delete drifted.subscriptions[0]?.ratePlans[0]?.ratePlanCharges[0]?.number
    expect(subscriptionsByAccountResponseSchema.safeParse(drifted).success).toBe(false)
  })

  test('a money field sent as a string no longer parses', () => {
    const drifted = structuredClone(sample) as {
      subscriptions: { ratePlans: { ratePlanCharges: Record<string, unknown>[] }[] }[]
    }
    const charge = drifted.subscriptions[0]?.ratePlans[0]?.ratePlanCharges[0]
    if (charge) charge.price = '100.00'
    expect(subscriptionsByAccountResponseSchema.safeParse(drifted).success).toBe(false)
  })

  test('fields Zuora adds are kept, not rejected', () => {
    const added = { ...(sample as object), addedInALaterVersion: true }
    expect(subscriptionsByAccountResponseSchema.parse(added)).toHaveProperty('addedInALaterVersion', true)
  })

  test('the charges are segmented: several segments share one charge number', () => {
    const parsed = subscriptionsByAccountResponseSchema.parse(sample)
    const charges = parsed.subscriptions.flatMap((s) => s.ratePlans.flatMap((plan) => plan.ratePlanCharges))
    expect(charges.map((charge) => [charge.number, charge.segment])).toEqual([
      ['C-00032238', 1],
      ['C-00032239', 1],
      ['C-00032240', 3],
    ])
  })
})

describe('error categories', () => {
  test('the category is the last two digits of the code', () => {
    expect(errorCategory(53100320)).toBe(20)
    expect(errorCategory(50000040)).toBe(40)
    expect(errorCategory(58730050)).toBe(50)
    expect(errorCategory(50000099)).toBe(99)
    expect(errorCategory(50000061)).toBe(61)
    expect(errorCategory(50000000)).toBe(0)
  })

  test('lock contention, internal, temporary, concurrency and integration errors are retryable', () => {
    expect([...RETRYABLE_CATEGORIES].sort((a, b) => a - b)).toEqual([50, 60, 61, 70, 99])
    for (const code of [58730050, 50000060, 50000061, 50000070, 50000099]) {
      expect(isRetryableReason({ code })).toBe(true)
    }
  })

  test('permission, authentication, validation, rule, not-found and malformed errors are not', () => {
    for (const code of [50000010, 50000011, 53100320, 50000021, 50000022, 50000030, 50000040, 50000045, 50000090]) {
      expect(isRetryableReason({ code })).toBe(false)
    }
  })

  test('a word for a code (the files API says "SystemError") is never taken as retryable', () => {
    expect(isRetryableReason({ code: 'SystemError' })).toBe(false)
  })

  test('a failure is retryable only when every reason is', () => {
    const lock = { code: 58730050, message: 'lock' }
    const invalid = { code: 53100320, message: 'invalid' }
    expect(isRetryableFailure({ reasons: [lock] })).toBe(true)
    expect(isRetryableFailure({ reasons: [lock, invalid] })).toBe(false)
    expect(isRetryableFailure({ reasons: [] })).toBe(false)
  })
})

describe('paths', () => {
  test('fillPath encodes each parameter and refuses a missing one', () => {
    expect(fillPath(zuoraOperations.getOrder.path, { orderNumber: 'O 1' })).toBe('/v1/orders/O%201')
    expect(() => fillPath(zuoraOperations.getOrder.path, {})).toThrow(/orderNumber/)
  })

  test('the file id is read from an invoice file URL as published', () => {
    const files = fixtures.find((fixture) => fixture.file === 'getInvoiceFiles.json')?.sample as {
      invoiceFiles: { pdfFileUrl: string }[]
    }
    expect(fileIdFromUrl(files.invoiceFiles[0]?.pdfFileUrl ?? '')).toBe('2c98901f62d7d83d0162d7facea6262d')
    expect(fileIdFromUrl('/v1/invoices/INV1')).toBeNull()
  })
})
