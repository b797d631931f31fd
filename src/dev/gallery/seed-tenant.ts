/**
 * The account a gallery frame opens on, as the simulated Zuora tenant and the gateway hold it:
 * edited on the simulator's own exported state (`exportState` → change → `importState`, as the
 * integration tests shape it) and on the gateway's own state, before the frame's first request.
 */
import type { InPageGateway } from '../../../mocks/in-page/in-page-gateway'
import { zuoraAccountNumbers, zuoraAddonIds } from '../../../mocks/zuora'
import type { StoredSimState } from '../../../mocks/zuora/state-json'

const ACME = zuoraAccountNumbers.acc_acme

function reshapeTenant(backend: InPageGateway, change: (state: StoredSimState['state']) => void): void {
  const stored = backend.simulator.control.exportState()
  change(stored.state)
  if (!backend.simulator.control.importState(stored)) throw new Error('Gallery seed: the simulator refused its state')
}

/**
 * Acme's seeded history as of the 17th of last month: its invoice of the 12th then was still open,
 * due on the 26th, so today it is past due, the one invoice with something to pay (the shaping of
 * tests/integration/invoice-payment.test.tsx, a month nearer: the history lacks at most this
 * month's invoice).
 */
export function withInvoicePastDue(backend: InPageGateway): void {
  reshapeTenant(backend, (state) => {
    const today = new Date()
    state.seededOn = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 17)).toISOString().slice(0, 10)
  })
}

const addonRatePlans = new Set<string>(Object.values(zuoraAddonIds).map((ids) => ids.productRatePlanId))

/**
 * Acme with nothing in it: no add-on rate plans, no card on file, a bill-to contact with only what
 * is required, no VAT id; and no status updates in the gateway's report.
 */
export async function emptyAccount(backend: InPageGateway): Promise<void> {
  reshapeTenant(backend, (state) => {
    const account = state.accounts.find((each) => each.accountNumber === ACME)
    const subscription = state.subscriptions.find((each) => each.accountNumber === ACME)
    if (!account || !subscription) throw new Error('Gallery seed: Acme is not in the simulated tenant')
    subscription.ratePlans = subscription.ratePlans.filter((plan) => !addonRatePlans.has(plan.productRatePlanId))
    if (account.defaultPaymentMethodId !== null) delete state.paymentMethods[account.defaultPaymentMethodId]
    account.defaultPaymentMethodId = null
    account.vatId = null
    const contact = state.contacts[account.billToContactId]
    if (contact) Object.assign(contact, { workPhone: '', address2: '', state: '' })
  })
  await backend.gateway().deps.own.mutate((draft) => {
    draft.status.timeline = []
  })
}
