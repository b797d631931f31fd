import { describe, expect, it } from 'vitest'
import {
  forgetPaymentUpdateStart,
  readPaymentUpdateStart,
  rememberPaymentUpdateStart,
  showsUpdate,
} from '@/features/payment/payment-update-start'
import type { PaymentMethod } from '@/lib/api/schemas'

const visa: PaymentMethod = {
  card: { brand: 'visa', last4: '4242', expMonth: 8, expYear: 2030, holderName: 'Ana Souza' },
  updatedAt: '2025-01-10T10:00:00Z',
}
const startedAt = Date.parse('2025-03-01T12:00:00Z')

describe('showsUpdate: did the card read back after the return change since the admin left?', () => {
  it('never without a record of the start (a forged or shared link)', () => {
    expect(showsUpdate(null, { ...visa, updatedAt: '2099-01-01T00:00:00Z' })).toBe(false)
  })

  it('not for the same card, saved at the same time', () => {
    expect(showsUpdate({ startedAt, before: visa }, visa)).toBe(false)
    expect(showsUpdate({ startedAt, before: visa }, { ...visa, updatedAt: '2025-01-09T10:00:00Z' })).toBe(false)
  })

  it('yes for a newer save or other card details', () => {
    expect(showsUpdate({ startedAt, before: visa }, { ...visa, updatedAt: '2025-03-01T12:00:05Z' })).toBe(true)
    expect(showsUpdate({ startedAt, before: visa }, { ...visa, card: { ...visa.card!, last4: '4444' } })).toBe(true)
    expect(showsUpdate({ startedAt, before: { card: null, updatedAt: null } }, visa)).toBe(true)
  })

  it('not when the card is gone', () => {
    expect(showsUpdate({ startedAt, before: visa }, { card: null, updatedAt: '2025-03-01T12:00:05Z' })).toBe(false)
  })

  it('when the card was not known at the start: only one saved after it', () => {
    expect(showsUpdate({ startedAt, before: null }, visa)).toBe(false)
    expect(showsUpdate({ startedAt, before: null }, { ...visa, updatedAt: '2025-03-01T12:00:05Z' })).toBe(true)
  })
})

describe('the start record', () => {
  it('is kept in this tab for an hour, and only when it is well formed', () => {
    rememberPaymentUpdateStart(visa, 'acc_acme', startedAt)
    expect(readPaymentUpdateStart('acc_acme', startedAt + 60_000)).toEqual({
      startedAt,
      accountId: 'acc_acme',
      before: visa,
    })
    expect(readPaymentUpdateStart('acc_acme', startedAt + 61 * 60_000)).toBeNull()
    forgetPaymentUpdateStart()
    expect(readPaymentUpdateStart('acc_acme', startedAt)).toBeNull()
    sessionStorage.setItem('billing-payment-update', '{"startedAt":"soon","accountId":"acc_acme","before":null}')
    expect(readPaymentUpdateStart('acc_acme', startedAt)).toBeNull()
  })

  it('is only read back for the account it was made on (another tab may have switched meanwhile)', () => {
    rememberPaymentUpdateStart(visa, 'acc_acme', startedAt)
    expect(readPaymentUpdateStart('acc_globex', startedAt + 60_000)).toBeNull()
    expect(readPaymentUpdateStart('acc_acme', startedAt + 60_000)).not.toBeNull()
  })
})
