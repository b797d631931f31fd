// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { endpoints, type Endpoint, type EndpointName } from '../../src/lib/api/contract'
import { db } from '../../mocks/db'
import { ok, refused, send, signInAs } from './support'
import '../support/legacy-contract/backend'

describe('session', () => {
  it('starts signed in as the owner on Acme', async () => {
    const me = await ok('getMe')
    expect(me.user).toMatchObject({ email: 'owner@acme.test', name: 'Ana Souza', role: 'billing_admin' })
    expect(me.account).toEqual({ id: 'acc_acme', name: 'Acme Support' })
    expect(me.accounts.map((a) => a.id)).toEqual(['acc_acme', 'acc_globex'])
    expect(me.locale).toBe('en')
  })

  it('answers 401 on every endpoint but sign-in and the public ones when nobody is signed in', async () => {
    db.signOut()
    // The contract backend is being retired: endpoints added since are the gateway's alone.
    const gatewayOnly: EndpointName[] = ['payInvoice', 'setRenewal', 'scheduleChange', 'withdrawScheduledChange']
    const names = (Object.keys(endpoints) as EndpointName[]).filter(
      (name) => name !== 'signIn' && (endpoints[name] as Endpoint).auth !== 'none' && !gatewayOnly.includes(name),
    )
    expect(names).not.toContain('getBillingStatus')
    for (const name of names) {
      const error = await refused(send(name, { body: {}, idempotencyKey: 'k' }), 401, 'unauthenticated')
      expect(error.message).not.toBe('')
    }
  })

  it('signs in by email, and refuses an unknown one with a field message', async () => {
    db.signOut()
    const me = await ok('signIn', { body: { email: 'viewer@acme.test' } })
    expect(me.user.role).toBe('admin')

    const error = await refused(send('signIn', { body: { email: 'nobody@acme.test' } }), 422, 'validation_failed')
    expect(error.fields?.email).toBeTruthy()
    const malformed = await refused(send('signIn', { body: { email: 'not-an-email' } }), 422, 'validation_failed')
    expect(Object.keys(malformed.fields ?? {})).toEqual(['email'])
  })

  it('signs out with 204', async () => {
    const response = await send('signOut')
    expect(response.status).toBe(204)
    await refused(send('getMe'), 401, 'unauthenticated')
  })

  it('switches to an account the user has, and refuses one they do not', async () => {
    const me = await ok('switchAccount', { body: { accountId: 'acc_globex' } })
    expect(me.account.name).toBe('Globex Help Desk')
    expect((await ok('getAccount')).id).toBe('acc_globex')

    signInAs('ops@vendor.test')
    await refused(send('switchAccount', { body: { accountId: 'acc_globex' } }), 403, 'forbidden')
  })

  it('describes the current account', async () => {
    const account = await ok('getAccount')
    expect(account).toMatchObject({ id: 'acc_acme', name: 'Acme Support', agentsInUse: 21 })
    expect(Date.parse(account.createdAt)).toBeLessThan(Date.now())
  })
})
