// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { ok, refused, send } from './support'
import '../support/legacy-contract/backend'

const details = {
  contact: { name: 'Ana Souza', email: 'ana@acme.test', phone: '  ' },
  address: { line1: '1 Infinite Loop', line2: '', city: 'Cupertino', region: 'CA', postalCode: '95014', country: 'US' },
  taxId: '',
}

describe('request validation', () => {
  it('answers 422 with a message per dotted field path', async () => {
    const body = {
      ...details,
      contact: { ...details.contact, name: ' ', email: 'ana-at-acme' },
      address: { ...details.address, country: 'ZZ' },
      taxId: '#',
    }
    const error = await refused(send('updateBillingDetails', { body }), 422, 'validation_failed')
    expect(error.fields).toEqual({
      'contact.name': 'required',
      'contact.email': 'email',
      'address.country': 'country',
      taxId: 'taxId',
    })
    expect(error.message).toContain('contact.email')
  })

  it('stores what the form rules make of valid input', async () => {
    const saved = await ok('updateBillingDetails', { body: details })
    expect(saved.contact.phone).toBeNull()
    expect(saved.address.line2).toBeNull()
    expect(saved.taxId).toBeNull()
    expect(await ok('getBillingDetails')).toEqual(saved)
  })

  it('names the item field of a bad cart', async () => {
    const error = await refused(
      send('createQuote', { body: { items: [{ type: 'seats', seats: 0 }], promoCode: null } }),
      422,
      'validation_failed',
    )
    expect(Object.keys(error.fields ?? {})).toEqual(['items.0.seats'])
    const empty = await refused(send('createQuote', { body: { items: [], promoCode: null } }), 422, 'validation_failed')
    expect(Object.keys(empty.fields ?? {})).toEqual(['items'])
  })

  it('answers 400 to a body that is not JSON', async () => {
    await refused(send('updateBillingDetails', { rawBody: '{"contact":' }), 400, 'bad_request')
    await refused(send('signIn', { rawBody: 'email=owner@acme.test' }), 400, 'bad_request')
  })
})
