/**
 * Refetch on recovery (query-capability.ts) and the saved cache (persisted-cache.ts) find a
 * query's capability and schema by the first part of its key. These tests fail if a feature's key
 * factory stops matching, which would otherwise quietly stop a page from refreshing after an
 * outage or from being saved for the next one.
 */
import { expect, test } from 'vitest'
import { cartQueries } from '@/features/cart/api/get-quote'
import { orderQueries } from '@/features/cart/api/get-order-by-key'
import { billingDetailsQueries } from '@/billing/api/get-billing-details'
import { catalogQueries } from '@/billing/api/get-catalog'
import { invoiceQueries } from '@/features/invoices/api/get-invoices'
import { paymentQueries } from '@/billing/api/get-payment-method'
import { accountQueries } from '@/billing/api/get-account'
import { subscriptionQueries } from '@/billing/api/get-subscription'
import { capabilityOfQuery, savedSchemaOfQuery } from '@/lib/api/query-roots'
import { billingStatusQueries } from '@/lib/availability/billing-status-query'
import { sessionQueries } from '@/lib/session/session-queries'

test('each provider-backed query is refetched when its own capability recovers', () => {
  expect(capabilityOfQuery(subscriptionQueries.detail().queryKey)).toBe('subscription')
  expect(capabilityOfQuery(cartQueries.quote([{ type: 'seats', seats: 30 }], null).queryKey)).toBe('subscription')
  expect(capabilityOfQuery(orderQueries.byKey('key').queryKey)).toBe('subscription')
  expect(capabilityOfQuery(invoiceQueries.pages({}).queryKey)).toBe('invoices')
  expect(capabilityOfQuery(invoiceQueries.pages({ status: 'paid', q: 'x' }).queryKey)).toBe('invoices')
  expect(capabilityOfQuery(invoiceQueries.detail('inv_1').queryKey)).toBe('invoices')
  expect(capabilityOfQuery(paymentQueries.current().queryKey)).toBe('payments')
  expect(capabilityOfQuery(billingDetailsQueries.current().queryKey)).toBe('billingDetails')
  for (const own of [
    accountQueries.detail(),
    catalogQueries.detail(),
    billingStatusQueries.current(),
    sessionQueries.me(),
  ]) {
    expect(capabilityOfQuery(own.queryKey)).toBeNull()
  }
})

test('the pages saved for an outage are saved, and payment data and prices never are', () => {
  for (const saved of [
    subscriptionQueries.detail(),
    accountQueries.detail(),
    catalogQueries.detail(),
    invoiceQueries.pages({}),
    invoiceQueries.pages({ status: 'void' }),
    invoiceQueries.detail('inv_1'),
    billingDetailsQueries.current(),
    billingStatusQueries.current(),
    sessionQueries.me(),
  ]) {
    expect(savedSchemaOfQuery(saved.queryKey), String(saved.queryKey)).not.toBeNull()
  }
  expect(savedSchemaOfQuery(paymentQueries.current().queryKey)).toBeNull()
  expect(savedSchemaOfQuery(cartQueries.quote([{ type: 'seats', seats: 30 }], null).queryKey)).toBeNull()
  expect(savedSchemaOfQuery(orderQueries.byKey('key').queryKey)).toBeNull()
})
