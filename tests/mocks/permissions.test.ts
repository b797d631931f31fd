// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { addFiveSeats, ok, refused, send, signInAs } from './support'
import '../support/legacy-contract/backend'

const validDetails = {
  contact: { name: 'Bruno Lima', email: 'bruno@acme.test', phone: null },
  address: { line1: '1 Main St', line2: null, city: 'Austin', region: 'TX', postalCode: '73301', country: 'US' },
  taxId: null,
}

describe('roles', () => {
  it('lets an admin without billing rights read but not change billing', async () => {
    signInAs('viewer@acme.test')
    await ok('getSubscription')
    await ok('getInvoices')
    await ok('getPaymentMethod')
    await ok('getBillingDetails')
    const quote = await ok('createQuote', { body: addFiveSeats }, 201)

    const writes = [
      send('placeOrder', { body: { ...addFiveSeats, quoteId: quote.id }, idempotencyKey: 'viewer-1' }),
      send('updateBillingDetails', { body: validDetails }),
      send('createPaymentSession', { body: { returnUrl: 'http://localhost/payment-method' } }),
    ]
    for (const write of writes) {
      const error = await refused(write, 403, 'forbidden')
      expect(error.message).toBe('Your role cannot change billing. Ask a billing admin.')
    }
    expect((await ok('getSubscription')).seats.purchased).toBe(25)
  })

  it('refuses billing changes to operators too', async () => {
    signInAs('ops@vendor.test')
    await refused(send('updateBillingDetails', { body: validDetails }), 403, 'forbidden')
  })

  it('keeps maintenance mode and the alert list to operators', async () => {
    const maintenance = { body: { enabled: true, message: 'Provider outage' } }
    await refused(send('setMaintenance', maintenance), 403, 'forbidden') // the billing admin
    await refused(send('getAlerts'), 403, 'forbidden')
    signInAs('viewer@acme.test')
    await refused(send('setMaintenance', maintenance), 403, 'forbidden')

    signInAs('ops@vendor.test')
    await ok('setMaintenance', maintenance)
    await ok('getAlerts')
  })
})
