/**
 * The declared degradation map: for every action and page section, which provider capability it
 * depends on and what happens when that capability (or all of billing) is unavailable. Pages and
 * controls follow this map through `useActionAvailability` and `QuerySection`; none of them decides
 * on its own.
 */
import type { Capability, Role } from '@/lib/api/schemas'

export type ActionPolicy = {
  /** The provider capability the action calls; null when it only touches the vendor's own API. */
  capability: Capability | null
  /** A write is blocked during maintenance; a read (a PDF download) only when its capability is down. */
  kind: 'write' | 'read' | 'local'
  /** The role needed; null for everyone signed in. */
  role: Role | null
}

export const actionPolicies = {
  'subscription.changeSeats': { capability: 'subscription', kind: 'write', role: 'billing_admin' },
  'subscription.changePlan': { capability: 'subscription', kind: 'write', role: 'billing_admin' },
  'subscription.manageAddons': { capability: 'subscription', kind: 'write', role: 'billing_admin' },
  // Renewal off (the subscription ends with its term) or back on: an order at the provider, like a seat change.
  'subscription.renewal': { capability: 'subscription', kind: 'write', role: 'billing_admin' },
  // Fewer seats or a smaller plan from the next term: an order at the provider, though nothing is charged now.
  'subscription.scheduleChange': { capability: 'subscription', kind: 'write', role: 'billing_admin' },
  // Filling the cart is local and keeps working in an outage: nothing is lost, nothing is charged.
  'cart.edit': { capability: null, kind: 'local', role: 'billing_admin' },
  'cart.quote': { capability: 'subscription', kind: 'read', role: 'billing_admin' },
  'cart.checkout': { capability: 'subscription', kind: 'write', role: 'billing_admin' },
  'invoices.downloadPdf': { capability: 'invoices', kind: 'read', role: null },
  // Paying charges the card on file: it pauses with payments, like a card update.
  'invoices.pay': { capability: 'payments', kind: 'write', role: 'billing_admin' },
  'payment.update': { capability: 'payments', kind: 'write', role: 'billing_admin' },
  'billingDetails.update': { capability: 'billingDetails', kind: 'write', role: 'billing_admin' },
  'status.setMaintenance': { capability: null, kind: 'write', role: 'operator' },
  // Change requests are the vendor's own data: asking and declining work during an outage;
  // approving orders through the provider, so it pauses like any other edit.
  'requests.ask': { capability: null, kind: 'local', role: 'admin' },
  'requests.approve': { capability: 'subscription', kind: 'write', role: 'billing_admin' },
  // Approving who receives invoices replaces the billing details at the provider, as their own edit does.
  'requests.approveRecipients': { capability: 'billingDetails', kind: 'write', role: 'billing_admin' },
  'requests.decline': { capability: null, kind: 'write', role: 'billing_admin' },
  // Giving an approval up is the vendor's own data, like declining: it works in a provider outage.
  'requests.reopen': { capability: null, kind: 'write', role: 'billing_admin' },
} as const satisfies Record<string, ActionPolicy>

export type ActionName = keyof typeof actionPolicies

export type SectionPolicy = {
  capability: Capability | null
  /** 'cache': show saved data with its "as of" time; 'own': does not depend on the provider. */
  whenUnavailable: 'cache' | 'own'
}

export const sectionPolicies = {
  'subscription.overview': { capability: 'subscription', whenUnavailable: 'cache' },
  'subscription.addons': { capability: 'subscription', whenUnavailable: 'cache' },
  'subscription.account': { capability: null, whenUnavailable: 'own' },
  'catalog.plans': { capability: null, whenUnavailable: 'own' },
  'catalog.addons': { capability: null, whenUnavailable: 'own' },
  'cart.items': { capability: null, whenUnavailable: 'own' },
  'cart.quote': { capability: 'subscription', whenUnavailable: 'cache' },
  'invoices.list': { capability: 'invoices', whenUnavailable: 'cache' },
  'invoices.detail': { capability: 'invoices', whenUnavailable: 'cache' },
  'payment.card': { capability: 'payments', whenUnavailable: 'cache' },
  'billingDetails.form': { capability: 'billingDetails', whenUnavailable: 'cache' },
  'status.overview': { capability: null, whenUnavailable: 'own' },
  'status.alerts': { capability: null, whenUnavailable: 'own' },
  'requests.list': { capability: null, whenUnavailable: 'own' },
} as const satisfies Record<string, SectionPolicy>

export type SectionName = keyof typeof sectionPolicies
