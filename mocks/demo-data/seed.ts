/**
 * Today's demo data: who can sign in (the gateway's demo directory), their accounts, and each
 * account's billing in the contract's shapes, which the Zuora simulator's seed turns into what
 * Zuora holds (mocks/zuora/seed.ts). Ids and amounts are fixed; dates follow the real calendar so
 * that renewals are always ahead.
 */
import type { BillingDetails, Invoice, PaymentMethod, Subscription } from '../../src/lib/api/schemas'
import { findAddon, findPlan } from './catalog'
import { addDays, addMonths, isoDate, monthlyPeriodAround } from './dates'
import { billedTo, bulkInvoices, monthlyInvoices, type InvoiceSeries, type LineInput } from './invoices'
import { taxRatePercent, withNextInvoice } from './pricing'
import type { DirectoryUser } from '../../gateway/identity/directory'

export const ACME = 'acc_acme'
export const GLOBEX = 'acc_globex'

export const users: readonly DirectoryUser[] = [
  { id: 'usr_ana', email: 'owner@acme.test', name: 'Ana Souza', role: 'billing_admin', accountIds: [ACME, GLOBEX] },
  { id: 'usr_bruno', email: 'viewer@acme.test', name: 'Bruno Lima', role: 'admin', accountIds: [ACME, GLOBEX] },
  { id: 'usr_carla', email: 'ops@vendor.test', name: 'Carla Operator', role: 'operator', accountIds: [ACME] },
]

type AccountSeed = {
  id: string
  name: string
  series: InvoiceSeries
  /** Day of the month the subscription renews on (1-28). */
  anchorDay: number
  invoiceCount: number
}

export const accounts: readonly AccountSeed[] = [
  { id: ACME, name: 'Acme Support', series: { slug: 'acme', prefix: 'ACME' }, anchorDay: 12, invoiceCount: 36 },
  {
    id: GLOBEX,
    name: 'Globex Help Desk',
    series: { slug: 'globex', prefix: 'GLBX' },
    anchorDay: 3,
    invoiceCount: 10_000,
  },
]

/** Globex's history: several invoices a day over four years. */
const GLOBEX_SPAN_DAYS = 1_461

export const findAccount = (id: string) => accounts.find((account) => account.id === id)

/** Acme's account opened with its first invoice; Globex's a little before its history starts. */
export function accountCreatedAt(accountId: string, today: string): string {
  const acme = findAccount(ACME)
  const first =
    accountId === ACME && acme
      ? addMonths(monthlyPeriodAround(today, acme.anchorDay).start, 1 - acme.invoiceCount)
      : addDays(today, -GLOBEX_SPAN_DAYS - 10)
  return `${first}T14:05:00.000Z`
}

const seedBillingDetails: Record<string, BillingDetails> = {
  [ACME]: {
    contact: { name: 'Ana Souza', email: 'billing@acme.test', phone: '+1 415 555 0134' },
    address: {
      line1: '500 Market Street',
      line2: 'Suite 300',
      city: 'San Francisco',
      region: 'CA',
      postalCode: '94105',
      country: 'US',
    },
    taxId: '94-1234567',
  },
  [GLOBEX]: {
    contact: { name: 'Marta Ribeiro', email: 'finance@globex.test', phone: null },
    address: {
      line1: 'Avenida Paulista, 1000',
      line2: null,
      city: 'São Paulo',
      region: 'SP',
      postalCode: '01310-100',
      country: 'BR',
    },
    taxId: '12.345.678/0001-90',
  },
}

function subscription(args: {
  accountId: string
  planId: string
  purchased: number
  inUse: number
  addons: Array<[addonId: string, quantity: number]>
  today: string
}): Subscription {
  const plan = findPlan(args.planId)
  const account = findAccount(args.accountId)
  if (!plan || !account) throw new Error(`Bad seed for ${args.accountId}`)
  const period = monthlyPeriodAround(args.today, account.anchorDay)
  const addons = args.addons.map(([addonId, quantity]) => {
    const addon = findAddon(addonId)
    if (!addon) throw new Error(`Unknown seed add-on ${addonId}`)
    return { id: addon.id, name: addon.name, quantity, unitPrice: addon.unitPrice }
  })
  const draft: Subscription = {
    id: `sub_${account.series.slug}`,
    accountId: account.id,
    plan: { id: plan.id, name: plan.name },
    billingCycle: 'monthly',
    status: 'active',
    currentPeriodStart: period.start,
    renewsAt: period.end,
    seats: { purchased: args.purchased, inUse: args.inUse },
    seatPrice: plan.seatPrice,
    addons,
    nextInvoice: { date: period.end, total: plan.seatPrice },
  }
  return withNextInvoice(draft, seedBillingDetails[args.accountId]?.address.country ?? 'US')
}

function card(
  brand: NonNullable<PaymentMethod['card']>['brand'],
  last4: string,
  expMonth: number,
  expYear: number,
  holderName: string,
  updatedAt: Date,
): PaymentMethod {
  return { card: { brand, last4, expMonth, expYear, holderName }, updatedAt: updatedAt.toISOString() }
}

/** Each account's subscription, billing details and card as of `now`, by account id. */
export type DemoBilling = {
  subscriptions: Record<string, Subscription>
  billingDetails: Record<string, BillingDetails>
  paymentMethods: Record<string, PaymentMethod>
}

export function demoBilling(now: Date): DemoBilling {
  const today = isoDate(now)
  const year = now.getUTCFullYear()
  const daysAgo = (days: number) => new Date(Date.parse(`${addDays(today, -days)}T10:30:00.000Z`))
  return {
    subscriptions: {
      [ACME]: subscription({
        accountId: ACME,
        planId: 'plan_professional',
        purchased: 25,
        inUse: 21,
        addons: [
          ['addon_advanced_ai', 10],
          ['addon_storage', 2],
        ],
        today,
      }),
      [GLOBEX]: subscription({
        accountId: GLOBEX,
        planId: 'plan_enterprise',
        purchased: 480,
        inUse: 455,
        addons: [
          ['addon_advanced_ai', 200],
          ['addon_wfm', 455],
          ['addon_sandbox', 1],
        ],
        today,
      }),
    },
    paymentMethods: {
      [ACME]: card('visa', '4242', 8, year + 2, 'Ana Souza', daysAgo(40)),
      [GLOBEX]: card('mastercard', '5454', 11, year + 1, 'Globex Finance', daysAgo(200)),
    },
    billingDetails: structuredClone(seedBillingDetails),
  }
}

/** What Acme paid each month: it grew from 12 to 25 seats, moved to Professional, added extras. */
function acmeMonth(seq: number): { description: string; lines: LineInput[] } {
  const plan = findPlan(seq <= 12 ? 'plan_team' : 'plan_professional')
  if (!plan) throw new Error('Seed plans missing')
  const seats = 12 + Math.round(((seq - 1) * 13) / 35)
  const lines: LineInput[] = [
    { description: `${plan.name} plan, ${seats} seats`, quantity: seats, unitMinor: plan.seatPrice.amountMinor },
  ]
  const extras: Array<[addonId: string, quantity: number, fromSeq: number]> = [
    ['addon_storage', 2, 20],
    ['addon_advanced_ai', 10, 30],
  ]
  for (const [addonId, quantity, fromSeq] of extras) {
    const addon = findAddon(addonId)
    if (addon && seq >= fromSeq)
      lines.push({ description: addon.name, quantity, unitMinor: addon.unitPrice.amountMinor })
  }
  return { description: `${plan.name} plan, monthly subscription`, lines }
}

/** The generated history of an account, newest first (never stored: rebuilt from the seed). */
export function seedInvoices(accountId: string, today: string): Invoice[] {
  const account = findAccount(accountId)
  const details = seedBillingDetails[accountId]
  if (!account || !details) return []
  const spec = {
    series: account.series,
    count: account.invoiceCount,
    taxRatePercent: taxRatePercent(details.address.country),
    billedTo: billedTo(account.name, details),
  }
  if (accountId === ACME) {
    const lastIssuedAt = monthlyPeriodAround(today, account.anchorDay).start
    return monthlyInvoices({ ...spec, lastIssuedAt, linesFor: acmeMonth, voidSeqs: [7] }, today)
  }
  return bulkInvoices({ ...spec, spanDays: GLOBEX_SPAN_DAYS, seed: 20_240_601 }, today)
}
