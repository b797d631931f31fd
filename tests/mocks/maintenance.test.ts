// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { STATUS_CACHE } from '../../gateway/own/status-cache'
import { addFiveSeats, ok, refused, send, signInAs } from './support'
import '../support/legacy-contract/backend'

async function switchMaintenance(enabled: boolean, message: string) {
  signInAs('ops@vendor.test')
  const status = await ok('setMaintenance', { body: { enabled, message, reason: 'provider_outage' } })
  signInAs('owner@acme.test')
  return status
}

describe('maintenance mode', () => {
  it('starts off, all components operational, with the time of the last health check', async () => {
    const status = await ok('getBillingStatus')
    expect(status.maintenance).toMatchObject({ enabled: false, since: null, generation: 1 })
    expect(status.components.every((c) => c.status === 'operational')).toBe(true)
    expect(status.components.filter((c) => c.capability === null).map((c) => c.name)).toEqual([
      'Billing API',
      'Product catalog',
    ])
    // The check runs every 30 s (and on a change): its time is at most that old, never ahead.
    expect(Date.parse(status.checkedAt)).toBeLessThanOrEqual(Date.now())
    expect(Date.parse(status.checkedAt)).toBeGreaterThan(Date.now() - STATUS_CACHE.checkIntervalMs)
  })

  it('refuses provider-backed writes with 503 and Retry-After, and still reads and quotes', async () => {
    const on = await switchMaintenance(true, 'The billing provider is down.')
    expect(on.maintenance).toMatchObject({
      enabled: true,
      reason: 'provider_outage',
      message: 'The billing provider is down.',
    })
    expect(on.maintenance.since).not.toBeNull()
    expect(on.timeline[0]?.kind).toBe('maintenance_on')

    const quote = await ok('createQuote', { body: addFiveSeats }, 201)
    const writes = [
      send('placeOrder', { body: { ...addFiveSeats, quoteId: quote.id }, idempotencyKey: 'during-maintenance' }),
      send('updateBillingDetails', { body: {} }),
      send('createPaymentSession', { body: { returnUrl: 'http://localhost/payment-method' } }),
    ]
    for (const write of writes) {
      const response = await write
      expect(response.headers.get('Retry-After')).toBe('60')
      await refused(response, 503, 'maintenance')
    }
    await ok('getSubscription')
    await ok('getInvoices')
  })

  it('bumps the generation when it ends, once', async () => {
    await switchMaintenance(true, 'Down')
    const off = await switchMaintenance(false, 'Back to normal')
    expect(off.maintenance).toEqual({
      enabled: false,
      reason: null,
      message: null,
      since: null,
      nextUpdateAt: null,
      generation: 2,
    })
    expect(off.timeline[0]).toMatchObject({ kind: 'maintenance_off', message: 'Back to normal' })
    const again = await switchMaintenance(false, 'Still normal')
    expect(again.maintenance.generation).toBe(2)

    const { quote } = { quote: await ok('createQuote', { body: addFiveSeats }, 201) }
    await ok('placeOrder', { body: { ...addFiveSeats, quoteId: quote.id }, idempotencyKey: 'after-maintenance' }, 201)
  })

  it('validates the operator input', async () => {
    signInAs('ops@vendor.test')
    const error = await refused(
      send('setMaintenance', { body: { enabled: true, message: '' } }),
      422,
      'validation_failed',
    )
    expect(Object.keys(error.fields ?? {})).toEqual(['message'])
  })

  it('keeps the message in each language, with the English as the default, and drops them when maintenance ends', async () => {
    signInAs('ops@vendor.test')
    const messages = { en: 'Provider upgrade until 14:00 UTC.', 'pt-BR': 'Atualização do provedor até 14:00 UTC.' }
    const on = await ok('setMaintenance', { body: { enabled: true, messages, reason: 'scheduled' } })
    expect(on.maintenance).toMatchObject({ enabled: true, message: messages.en, messages })
    expect(on.timeline[0]).toMatchObject({ kind: 'maintenance_on', message: messages.en })
    expect((await ok('getBillingStatus')).maintenance.messages).toEqual(messages)

    const off = await ok('setMaintenance', { body: { enabled: false, messages: { 'pt-BR': 'Voltou ao normal.' } } })
    expect(off.maintenance.messages).toBeUndefined()
    expect(off.timeline[0]).toMatchObject({ kind: 'maintenance_off', message: 'Voltou ao normal.' })
  })

  it('takes the one language given as the default, and a default given alongside the languages as it is', async () => {
    signInAs('ops@vendor.test')
    const onlyPortuguese = await ok('setMaintenance', {
      body: { enabled: true, messages: { 'pt-BR': 'Manutenção do provedor.' } },
    })
    expect(onlyPortuguese.maintenance).toMatchObject({
      message: 'Manutenção do provedor.',
      messages: { 'pt-BR': 'Manutenção do provedor.' },
    })
    const both = await ok('setMaintenance', {
      body: { enabled: true, message: 'Default.', messages: { en: 'English.' } },
    })
    expect(both.maintenance).toMatchObject({ message: 'Default.', messages: { en: 'English.' } })
  })

  it('refuses a switch with no message in any language, and an empty one in a language', async () => {
    signInAs('ops@vendor.test')
    const none = await refused(
      send('setMaintenance', { body: { enabled: true, messages: {} } }),
      422,
      'validation_failed',
    )
    expect(Object.keys(none.fields ?? {})).toEqual(['message'])
    const blank = await refused(
      send('setMaintenance', { body: { enabled: true, messages: { en: 'Up soon.', 'pt-BR': '  ' } } }),
      422,
      'validation_failed',
    )
    expect(Object.keys(blank.fields ?? {})).toEqual(['messages.pt-BR'])
    expect((await ok('getBillingStatus')).maintenance.enabled).toBe(false)
  })
})
