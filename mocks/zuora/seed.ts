/**
 * Today's demo data as Zuora holds it: the accounts, contacts, subscriptions and cards of
 * mocks/demo-data/seed.ts turned into Zuora's objects, with the ids of catalog-ids.ts. Acme's seats
 * charge has two segments (24 seats, then 25 since last month), as Zuora segments a charge that an
 * order changed.
 */
import type { PaymentMethod, Subscription } from '../../src/lib/api/schemas'
import { addMonths, isoDate } from '../demo-data/dates'
import { accountCreatedAt, accounts as seedAccounts, demoBilling } from '../demo-data/seed'
import { zuoraAccountNumbers, zuoraAddonIds, zuoraPlanIds, type ZuoraRatePlanIds } from './catalog-ids'
import type { SimState, ZAccount, ZChargeSegment, ZContact, ZPaymentMethod, ZRatePlan, ZSubscription } from './state'
import { zuoraId } from './state'

/** Run-time numbers start above the seed's. */
const FIRST_RUNTIME_NUMBER = 1000

const cardTypes: Record<NonNullable<PaymentMethod['card']>['brand'], ZPaymentMethod['creditCardType']> = {
  visa: 'Visa',
  mastercard: 'MasterCard',
  amex: 'AmericanExpress',
  elo: 'Elo',
  other: 'Discover',
}

function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/)
  return parts.length > 1
    ? { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] ?? '' }
    : { firstName: name, lastName: name }
}

type ChargeSeed = {
  ids: ZuoraRatePlanIds
  name: string
  unitPriceMinor: number
  quantities: Array<[from: string, qty: number]>
}

/** A rate plan with one per-unit charge, a segment per quantity it has had. */
function ratePlan(n: number, ratePlanName: string, charge: ChargeSeed, termEndDate: string): ZRatePlan {
  const segments: ZChargeSegment[] = charge.quantities.map(([from, quantity], index) => ({
    id: zuoraId('8ad0c4a0', n * 10 + index),
    number: `C-${String(n).padStart(8, '0')}`,
    segment: index + 1,
    productRatePlanChargeId: charge.ids.productRatePlanChargeId,
    name: charge.name,
    model: 'PerUnit',
    unitPriceMinor: charge.unitPriceMinor,
    quantity,
    discountPercentage: null,
    upToPeriods: null,
    effectiveStartDate: from,
    effectiveEndDate: charge.quantities[index + 1]?.[0] ?? termEndDate,
  }))
  return { id: zuoraId('8ad0a7e0', n), productRatePlanId: charge.ids.productRatePlanId, ratePlanName, segments }
}

function subscriptionOf(
  index: number,
  accountNumber: string,
  seed: Subscription,
  contractEffectiveDate: string,
  today: string,
): ZSubscription {
  const planIds = zuoraPlanIds[seed.plan.id as keyof typeof zuoraPlanIds]
  const { currentPeriodStart: termStartDate, renewsAt: termEndDate } = seed
  // Acme bought its 25th seat a month before this period; Globex's seats never changed.
  const lastMonth = addMonths(termStartDate, -1)
  const seatQuantities: Array<[string, number]> =
    index === 0
      ? [
          [contractEffectiveDate, seed.seats.purchased - 1],
          [lastMonth, seed.seats.purchased],
        ]
      : [[contractEffectiveDate, seed.seats.purchased]]
  const base = (index + 1) * 100
  const plans = [
    ratePlan(
      base,
      seed.plan.name,
      { ids: planIds, name: 'Seats', unitPriceMinor: seed.seatPrice.amountMinor, quantities: seatQuantities },
      termEndDate,
    ),
    ...seed.addons.map((addon, i) =>
      ratePlan(
        base + i + 1,
        addon.name,
        {
          ids: zuoraAddonIds[addon.id as keyof typeof zuoraAddonIds],
          name: addon.name,
          unitPriceMinor: addon.unitPrice.amountMinor,
          quantities: [[contractEffectiveDate, addon.quantity]],
        },
        termEndDate,
      ),
    ),
  ]
  return {
    id: zuoraId('8ad05b50', index + 1),
    subscriptionNumber: `A-S${String(index + 1).padStart(8, '0')}`,
    accountNumber,
    version: index === 0 ? 2 : 1,
    status: 'Active',
    contractEffectiveDate,
    termStartDate,
    termEndDate,
    autoRenew: true,
    ratePlans: plans,
    updatedDate: `${today}T00:00:00.000Z`,
  }
}

/** The tenant as it is on `now`'s day. */
export function seedZuora(now: number): SimState {
  const date = new Date(now)
  const today = isoDate(date)
  const demo = demoBilling(date)
  const state: SimState = {
    seededOn: today,
    accounts: [],
    contacts: {},
    subscriptions: [],
    paymentMethods: {},
    orderInvoices: [],
    orders: {},
    ordersInFlight: new Set(),
    jobs: {},
    payments: [],
    invoiceBalances: {},
    pageSessions: {},
    tokens: new Map(),
    nextNumber: FIRST_RUNTIME_NUMBER,
  }
  seedAccounts.forEach((seedAccount, index) => {
    const accountNumber = zuoraAccountNumbers[seedAccount.id as keyof typeof zuoraAccountNumbers]
    const subscription = demo.subscriptions[seedAccount.id]
    const details = demo.billingDetails[seedAccount.id]
    const card = demo.paymentMethods[seedAccount.id]
    if (!accountNumber || !subscription || !details) throw new Error(`No Zuora seed for ${seedAccount.id}`)
    const accountId = zuoraId('8ad0acc0', index + 1)
    const contactId = zuoraId('8ad0c0c0', index + 1)
    const createdDate = accountCreatedAt(seedAccount.id, today)
    const contact: ZContact = {
      id: contactId,
      accountId,
      ...splitName(details.contact.name),
      workEmail: details.contact.email,
      workPhone: details.contact.phone ?? '',
      address1: details.address.line1,
      address2: details.address.line2 ?? '',
      city: details.address.city,
      state: details.address.region ?? '',
      zipCode: details.address.postalCode ?? '',
      country: details.address.country,
    }
    let defaultPaymentMethodId: string | null = null
    if (card?.card) {
      defaultPaymentMethodId = zuoraId('8ad0ca70', index + 1)
      state.paymentMethods[defaultPaymentMethodId] = {
        id: defaultPaymentMethodId,
        accountId,
        creditCardType: cardTypes[card.card.brand],
        last4: card.card.last4,
        bin: card.card.brand === 'visa' ? '424242' : '545454',
        expirationMonth: card.card.expMonth,
        expirationYear: card.card.expYear,
        holderName: card.card.holderName,
        createdDate: card.updatedAt ?? createdDate,
        updatedDate: card.updatedAt ?? createdDate,
      }
    }
    const account: ZAccount = {
      id: accountId,
      accountNumber,
      name: seedAccount.name,
      seedAccountId: seedAccount.id,
      currency: 'USD',
      billCycleDay: seedAccount.anchorDay,
      billToContactId: contactId,
      soldToContactId: contactId,
      vatId: details.taxId,
      defaultPaymentMethodId,
      createdDate,
      invoiceDeliveryPrefsEmail: true,
      additionalEmailAddresses: [],
    }
    state.accounts.push(account)
    state.contacts[contactId] = contact
    state.subscriptions.push(subscriptionOf(index, accountNumber, subscription, createdDate.slice(0, 10), today))
  })
  return state
}
