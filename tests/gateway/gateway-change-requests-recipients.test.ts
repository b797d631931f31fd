// @vitest-environment node
/**
 * Change requests for invoice recipients over HTTP: an admin without billing rights asks who
 * receives invoices by email (in any provider state); a billing admin's approval replaces them at
 * the simulated Zuora as PUT /billing-details does (one account update, the rest of the details as
 * they were, nothing ordered or charged). Acme: invoices emailed, to nobody besides the billing
 * contact (billing@acme.test).
 */
import { expect, test } from 'vitest'
import { startGatewaySim } from '../../gateway/node/sim-server'
import type { StoredSimState } from '../../mocks/zuora/state-json'
import {
  control,
  expectContract,
  failure,
  gatewayPerFile,
  selectScenario,
  signedIn,
  users,
  type Client,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
let owner: Client
let viewer: Client
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
  viewer = await signedIn(sim, users.viewer)
})

type Asked = { id: string; takesEffect: string; effectiveOn: string | null; status: string }

const recipients = (emailInvoices: boolean, additional: string[]) => ({
  type: 'invoiceRecipients',
  emailInvoices,
  additional,
})

const ask = (items: unknown[], asker = viewer) =>
  asker.call('POST', '/change-requests', {
    body: { items, note: 'Accounts payable wants them.', estimate: null, basis: { planId: null, seats: null } },
  })

async function askRecipients(emailInvoices: boolean, additional: string[], asker = viewer): Promise<Asked> {
  const answer = await ask([recipients(emailInvoices, additional)], asker)
  expect(answer.status, answer.text).toBe(201)
  expectContract('createChangeRequest', answer.body)
  return answer.body as Asked
}

const approve = (id: string, approvalKey: string, approver = owner) =>
  approver.call('POST', `/change-requests/${id}/approve`, { body: { approvalKey } })

/** Acme's account as the simulated Zuora holds it. */
const acmeAtZuora = (on = sim) => {
  const { state } = on.simulator.control.exportState() as StoredSimState
  const account = state.accounts.find((candidate) => candidate.accountNumber === 'A00000001')
  if (!account) throw new Error('No Acme at the simulated Zuora')
  return account
}

const callsSince = async (since: number, operation: string) => {
  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as { calls: { operation: string }[] }
  return calls.filter((call) => call.operation === operation).length
}

test('approving replaces who receives invoices at Zuora as PUT /billing-details does; the rest stays as it was', async () => {
  const before = (await owner.get('/billing-details')).body
  expect(before.invoiceRecipients).toEqual({ emailInvoices: true, additional: [] })
  const request = await askRecipients(false, [' ap@acme.test ', 'cfo@acme.test'])
  expect(request).toMatchObject({ takesEffect: 'now', effectiveOn: null, status: 'waiting' })
  const since = Date.now()

  const approved = await approve(request.id, 'recipients-approval')
  expect(approved.status, approved.text).toBe(200)
  expectContract('approveChangeRequest', approved.body)
  expect(approved.body).toMatchObject({
    status: 'applied',
    effectiveOn: null,
    decidedBy: { id: 'usr_ana' },
    orderId: null,
  })

  const after = (await owner.get('/billing-details')).body
  expect(after).toEqual({
    ...before,
    invoiceRecipients: { emailInvoices: false, additional: ['ap@acme.test', 'cfo@acme.test'] },
  })
  expect(acmeAtZuora()).toMatchObject({
    invoiceDeliveryPrefsEmail: false,
    additionalEmailAddresses: ['ap@acme.test', 'cfo@acme.test'],
  })
  expect(await callsSince(since, 'updateAccount')).toBe(1)
  expect(await callsSince(since, 'createOrder')).toBe(0)

  // A retry of the same approval answers it as it is and sends nothing; another approval is refused.
  expect((await approve(request.id, 'recipients-approval')).body).toEqual(approved.body)
  expect(failure(await approve(request.id, 'another-approval'))).toEqual([409, 'request_not_waiting'])
  expect(await callsSince(since, 'updateAccount')).toBe(1)

  const listed = (await viewer.get('/change-requests')).body
  expectContract('listChangeRequests', listed)
  expect(listed.requests).toEqual([expect.objectContaining({ id: request.id, status: 'applied' })])
})

test('stale: recipients already as asked, or an asked address now the contact’s, are refused and still wait', async () => {
  const same = await askRecipients(true, [])
  const refused = await approve(same.id, 'already-so')
  expect(failure(refused)).toEqual([409, 'request_stale'])
  expect(refused.body.error.message).toContain('recipients_as_asked')

  // Asked for an address that the owner then made the billing contact's own.
  const contact = await askRecipients(true, ['ap@acme.test'])
  const details = (await owner.get('/billing-details')).body
  const moved = { ...details, contact: { ...details.contact, email: 'AP@acme.test' } }
  expect((await owner.call('PUT', '/billing-details', { body: moved })).status).toBe(200)
  const since = Date.now()
  const isContact = await approve(contact.id, 'now-the-contact')
  expect(failure(isContact)).toEqual([409, 'request_stale'])
  expect(isContact.body.error.message).toContain('recipient_is_contact')
  expect(await callsSince(since, 'updateAccount')).toBe(0)

  const listed = (await owner.get('/change-requests')).body.requests as Asked[]
  expect(listed.map((r) => r.status)).toEqual(['waiting', 'waiting'])
})

test('asked by the form’s rules: five addresses at most, none twice, each an address, and alone in its request (422)', async () => {
  const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `${name}@acme.test`)
  for (const items of [
    [recipients(true, six)],
    [recipients(true, ['ap@acme.test', 'AP@acme.test'])],
    [recipients(true, ['not-an-address'])],
    [recipients(true, []), { type: 'seats', seats: 30 }],
    [recipients(true, []), { type: 'renewal', autoRenew: false }],
  ])
    expect(failure(await ask(items)), JSON.stringify(items)).toEqual([422, 'validation_failed'])
  // Operators neither ask nor decide; the asker does not decide.
  expect(failure(await ask([recipients(false, [])], await signedIn(sim, users.operator)))).toEqual([403, 'forbidden'])
  const request = await askRecipients(false, [])
  expect(failure(await approve(request.id, 'viewer-approval', viewer))).toEqual([403, 'forbidden'])
})

test('asked while Zuora is down; approving waits for it and for the end of maintenance, the request still waiting', async () => {
  await selectScenario(sim, 'provider-down')
  const request = await askRecipients(false, ['ap@acme.test'])
  const down = await approve(request.id, 'while-down')
  expect(down.status).toBe(503)
  await selectScenario(sim, 'healthy')

  const operator = await signedIn(sim, users.operator)
  const on = { enabled: true, message: 'Upgrading the billing provider.', reason: 'scheduled' }
  expect((await operator.call('PUT', '/billing-status/maintenance', { body: on })).status).toBe(200)
  expect(failure(await approve(request.id, 'in-maintenance'))).toEqual([503, 'maintenance'])
  await operator.call('PUT', '/billing-status/maintenance', { body: { enabled: false, message: 'Done.' } })

  const listed = (await owner.get('/change-requests')).body.requests as Asked[]
  expect(listed).toEqual([expect.objectContaining({ id: request.id, status: 'waiting' })])
  expect(acmeAtZuora()).toMatchObject({ invoiceDeliveryPrefsEmail: true })
})

test('Zuora failing puts the request back to waiting; approving it again replaces the recipients once', async () => {
  // Its own gateway, whose network to Zuora fails for the first account update (Zuora never gets it).
  let fail = 1
  const failing = await startGatewaySim({
    port: 0,
    wrapZuora: (http) => async (request) => {
      if (request.method === 'PUT' && new URL(request.url).pathname.startsWith('/v1/accounts/') && fail-- > 0)
        throw new TypeError('fetch failed: connection reset')
      return http(request)
    },
  })
  try {
    const asker = await signedIn(failing, users.viewer)
    const approver = await signedIn(failing, users.owner)
    const request = await askRecipients(true, ['ap@acme.test'], asker)
    const failed = await approve(request.id, 'failed-approval', approver)
    expect(failed.status, failed.text).toBeGreaterThanOrEqual(500)
    const waiting = (await approver.get('/change-requests')).body.requests
    expect(waiting).toEqual([expect.objectContaining({ id: request.id, status: 'waiting', decidedBy: null })])
    expect(acmeAtZuora(failing)).toMatchObject({ additionalEmailAddresses: [] })

    const again = await approve(request.id, 'second-approval', approver)
    expect(again.status, again.text).toBe(200)
    expect(again.body.status).toBe('applied')
    expect((await approver.get('/billing-details')).body.invoiceRecipients).toEqual({
      emailInvoices: true,
      additional: ['ap@acme.test'],
    })
  } finally {
    await failing.close()
  }
}, 30_000)
