// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { cardBrand, luhnValid } from '../../mocks/backend/payments'
import {
  hostedPaymentApiPath,
  hostedPaymentResultSchema,
  hostedPaymentSessionSchema,
} from '../../mocks/hosted-payment-contract'
import { apiErrorSchema } from '../../src/lib/api/schemas'
import { ok } from './support'
import '../support/legacy-contract/backend'

const provider = (sessionId: string, body?: unknown) =>
  fetch(`http://localhost${hostedPaymentApiPath(sessionId)}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

const nextYear = new Date().getUTCFullYear() + 1
const amex = { cardNumber: '3782 822463 10005', expMonth: 4, expYear: nextYear, holderName: 'Ana Souza' }

describe('payment method', () => {
  it('shows only the safe part of the card on file', async () => {
    const method = await ok('getPaymentMethod')
    expect(method.card).toMatchObject({ brand: 'visa', last4: '4242', holderName: 'Ana Souza' })
  })

  it('updates the card through the hosted page, keeping brand, last four, expiry and holder', async () => {
    const returnUrl = 'http://localhost/payment-method?updated=1'
    const session = await ok('createPaymentSession', { body: { returnUrl } }, 201)
    expect(session.url).toBe(
      `/__mock/hosted-payment?session=${session.sessionId}&returnUrl=${encodeURIComponent(returnUrl)}`,
    )

    const described = hostedPaymentSessionSchema.parse(await (await provider(session.sessionId)).json())
    expect(described).toMatchObject({ accountName: 'Acme Support', returnUrl })

    const answer = await provider(session.sessionId, amex)
    expect(answer.status).toBe(200)
    const result = hostedPaymentResultSchema.parse(await answer.json())
    expect(result).toEqual({
      status: 'succeeded',
      returnUrl,
      card: { brand: 'amex', last4: '0005', expMonth: 4, expYear: nextYear, holderName: 'Ana Souza' },
    })

    const method = await ok('getPaymentMethod')
    expect(method.card).toEqual(result.card)
    expect(JSON.stringify(method)).not.toContain('378282246310005')

    expect((await provider(session.sessionId, amex)).status).toBe(404) // a session is used once
  })

  it('refuses a bad card with field messages', async () => {
    const { sessionId } = await ok(
      'createPaymentSession',
      { body: { returnUrl: 'http://localhost/payment-method' } },
      201,
    )
    const cases: Array<[unknown, string[]]> = [
      [{ ...amex, cardNumber: '4242 4242 4242 4241' }, ['cardNumber']], // fails Luhn
      [{ ...amex, cardNumber: '4242' }, ['cardNumber']],
      [{ ...amex, expMonth: 1, expYear: 2020 }, ['expMonth', 'expYear']],
      [{ ...amex, expMonth: 13, holderName: '' }, ['expMonth', 'holderName']],
    ]
    for (const [body, fields] of cases) {
      const answer = await provider(sessionId, body)
      expect(answer.status).toBe(422)
      const { error } = apiErrorSchema.parse(await answer.json())
      expect(Object.keys(error.fields ?? {}).sort()).toEqual(fields)
    }
    expect((await ok('getPaymentMethod')).card?.last4).toBe('4242')
  })

  it('answers 404 for an unknown session', async () => {
    expect((await provider('ps_nope')).status).toBe(404)
    expect((await provider('ps_nope', amex)).status).toBe(404)
  })

  it('tells brands apart and checks the Luhn digit', () => {
    expect(cardBrand('4111111111111111')).toBe('visa')
    expect(cardBrand('5555555555554444')).toBe('mastercard')
    expect(cardBrand('2221000000000009')).toBe('other')
    expect(cardBrand('371449635398431')).toBe('amex')
    expect(cardBrand('6363680000000000')).toBe('elo')
    expect(cardBrand('4389350000000000')).toBe('elo')
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
  })
})
