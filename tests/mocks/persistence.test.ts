// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createDb } from '../../mocks/db'
import { STORAGE_KEY, STORAGE_VERSION } from '../../mocks/backend/persistence'
import { MemoryStorage } from '../support/memory-storage'

const quoteSeats = (seats: number) => ({ items: [{ type: 'seats' as const, seats }], promoCode: null })

describe('persistence in the browser', () => {
  it('keeps the mutable state under billing-mock-db, without the generated invoices', () => {
    const storage = new MemoryStorage()
    const db = createDb({ storage })
    db.getInvoices('acc_globex')
    const quote = db.createQuote('acc_acme', quoteSeats(30))
    db.placeOrder('acc_acme', 'k1', { ...quoteSeats(30), quoteId: quote.id })

    const raw = storage.items.get(STORAGE_KEY) ?? ''
    expect(JSON.parse(raw).version).toBe(STORAGE_VERSION)
    expect(raw).not.toContain('GLBX-')
    expect(raw.length).toBeLessThan(20_000)

    const reloaded = createDb({ storage })
    expect(reloaded.getSubscription('acc_acme').seats.purchased).toBe(30)
    expect(reloaded.getInvoices('acc_acme')).toHaveLength(37)
    expect(reloaded.getOrderByKey('acc_acme', 'k1')?.status).toBe('completed')
  })

  it('shares changes between tabs and sign-out with every tab', () => {
    const storage = new MemoryStorage()
    const tabA = createDb({ storage })
    const tabB = createDb({ storage })
    tabA.updateBillingDetails('acc_acme', { ...tabA.getBillingDetails('acc_acme'), taxId: 'NEW-TAX-1' })
    tabB.sync()
    expect(tabB.getBillingDetails('acc_acme').taxId).toBe('NEW-TAX-1')
    tabB.signOut()
    tabA.sync()
    expect(tabA.currentSession()).toBeNull()
  })

  it('ignores a stored copy of another version or that is not JSON', () => {
    const storage = new MemoryStorage()
    storage.setItem(STORAGE_KEY, JSON.stringify({ version: STORAGE_VERSION + 1, state: { session: null } }))
    expect(createDb({ storage }).currentSession()?.user.email).toBe('owner@acme.test')
    storage.setItem(STORAGE_KEY, '{oops')
    expect(createDb({ storage }).currentSession()?.user.email).toBe('owner@acme.test')
  })

  it('reset() returns to the seed and clears the stored copy', () => {
    const storage = new MemoryStorage()
    const db = createDb({ storage })
    db.signInAs('viewer@acme.test')
    expect(storage.items.has(STORAGE_KEY)).toBe(true)
    db.reset()
    expect(storage.items.has(STORAGE_KEY)).toBe(false)
    expect(db.currentSession()?.user.email).toBe('owner@acme.test')
  })

  it('renews a stored subscription whose period has ended', () => {
    const storage = new MemoryStorage()
    let now = new Date('2030-01-20T10:00:00.000Z')
    const db = createDb({ storage, now: () => now })
    expect(db.getSubscription('acc_acme').renewsAt).toBe('2030-02-12')
    db.signOut() // something to store
    now = new Date('2030-04-01T10:00:00.000Z')
    const later = createDb({ storage, now: () => now })
    expect(later.getSubscription('acc_acme')).toMatchObject({
      currentPeriodStart: '2030-03-12',
      renewsAt: '2030-04-12',
    })
  })
})

describe('a client clearing its storage', () => {
  it('does not wipe the backend', () => {
    const storage = new MemoryStorage()
    const db = createDb({ storage })
    db.signInAs('viewer@acme.test')
    storage.items.clear()
    db.sync()
    expect(db.currentSession()?.user.email).toBe('viewer@acme.test')
  })
})
