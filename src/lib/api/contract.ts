/**
 * Every endpoint of the billing API in one list: its method, path, whether the provider backs it
 * (and which capability), and the schemas of what goes in and comes out. `scripts/openapi.ts`
 * writes `docs/openapi.json` from this list, and a unit test fails when the two differ.
 * Feature API modules take their path and schema from here, so a response is always validated
 * against what the document says.
 */
import type { z } from 'zod/mini'
import * as r from './change-request-schemas'
import * as s from './schemas'

export type Endpoint = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** OpenAPI-style path below the API base URL, `{param}` for parameters. */
  path: string
  /** null: the vendor's own endpoint, which stays up when the provider fails. */
  capability: s.Capability | null
  request?: z.ZodMiniType
  /** A schema for JSON; 'pdf' and 'csv' for a file (a Blob to the app); 'empty' for no body. */
  response: z.ZodMiniType | 'pdf' | 'csv' | 'empty'
  idempotencyKey?: boolean
  /**
   * A write that may be sent again after a failure on the way or at a gateway, because a repeat
   * does no harm (the same idempotency key returns the first order, a full replace, a quote).
   */
  safeToRepeat?: true
  query?: Record<string, string>
  /** No session needed: the same answer for everyone, cacheable by a CDN; the app sends it without credentials. */
  auth?: 'none'
  /**
   * A provider-backed read the server may answer from its last good copy while the provider fails,
   * saying so in `X-Billing-Copy-As-Of` (provider-copy.ts). Only these honour that header.
   */
  mayAnswerFromCopy?: true
}

export const endpoints = {
  // own
  getMe: {
    method: 'GET',
    path: '/me',
    capability: null,
    response: s.meSchema,
  },
  signIn: {
    method: 'POST',
    path: '/session',
    capability: null,
    request: s.signInInputSchema,
    response: s.meSchema,
  },
  signOut: { method: 'DELETE', path: '/session', capability: null, response: 'empty' },
  switchAccount: {
    method: 'PUT',
    path: '/session/account',
    capability: null,
    request: s.switchAccountInputSchema,
    response: s.meSchema,
  },
  getAccount: {
    method: 'GET',
    path: '/account',
    capability: null,
    response: s.accountSchema,
  },
  getBillingStatus: {
    method: 'GET',
    path: '/billing-status',
    capability: null,
    auth: 'none',
    response: s.billingStatusSchema,
  },
  setMaintenance: {
    method: 'PUT',
    path: '/billing-status/maintenance',
    capability: null,
    request: s.maintenanceInputSchema,
    response: s.billingStatusSchema,
  },
  getCatalog: {
    method: 'GET',
    path: '/catalog',
    capability: null,
    response: s.catalogSchema,
  },
  postAlert: {
    method: 'POST',
    path: '/alerts',
    capability: null,
    request: s.alertInputSchema,
    response: 'empty',
  },
  getAlerts: {
    method: 'GET',
    path: '/alerts',
    capability: null,
    response: s.alertListSchema,
  },
  // own: change requests (an admin without billing rights asks, a billing admin decides); never provider-backed
  listChangeRequests: {
    method: 'GET',
    path: '/change-requests',
    capability: null,
    response: r.changeRequestListSchema,
  },
  createChangeRequest: {
    method: 'POST',
    path: '/change-requests',
    capability: null,
    request: r.changeRequestInputSchema,
    response: r.changeRequestSchema,
  },
  approveChangeRequest: {
    method: 'POST',
    path: '/change-requests/{requestId}/approve',
    capability: null,
    request: r.approveChangeRequestInputSchema,
    response: r.changeRequestSchema,
  },
  linkChangeRequestOrder: {
    method: 'POST',
    path: '/change-requests/{requestId}/order',
    capability: null,
    request: r.linkChangeRequestOrderInputSchema,
    response: r.changeRequestSchema,
    safeToRepeat: true,
  },
  declineChangeRequest: {
    method: 'POST',
    path: '/change-requests/{requestId}/decline',
    capability: null,
    request: r.declineChangeRequestInputSchema,
    response: r.changeRequestSchema,
  },
  reopenChangeRequest: {
    method: 'POST',
    path: '/change-requests/{requestId}/reopen',
    capability: null,
    response: r.changeRequestSchema,
  },
  withdrawChangeRequest: {
    method: 'POST',
    path: '/change-requests/{requestId}/withdraw',
    capability: null,
    response: r.changeRequestSchema,
  },
  // provider-backed
  getSubscription: {
    method: 'GET',
    path: '/subscription',
    capability: 'subscription',
    response: s.subscriptionSchema,
    mayAnswerFromCopy: true,
  },
  setRenewal: {
    method: 'PUT',
    path: '/subscription/renewal',
    capability: 'subscription',
    request: s.renewalInputSchema,
    response: s.subscriptionSchema,
    safeToRepeat: true,
  },
  scheduleChange: {
    method: 'PUT',
    path: '/subscription/scheduled-change',
    capability: 'subscription',
    request: s.scheduledChangeInputSchema,
    response: s.subscriptionSchema,
    safeToRepeat: true,
  },
  withdrawScheduledChange: {
    method: 'DELETE',
    path: '/subscription/scheduled-change',
    capability: 'subscription',
    response: s.subscriptionSchema,
    safeToRepeat: true,
  },
  createQuote: {
    method: 'POST',
    path: '/quotes',
    capability: 'subscription',
    request: s.quoteInputSchema,
    response: s.quoteSchema,
    safeToRepeat: true,
  },
  placeOrder: {
    method: 'POST',
    path: '/orders',
    capability: 'subscription',
    request: s.orderInputSchema,
    response: s.orderSchema,
    idempotencyKey: true,
    safeToRepeat: true,
  },
  getOrderByKey: {
    method: 'GET',
    path: '/orders/by-key/{idempotencyKey}',
    capability: 'subscription',
    response: s.orderSchema,
  },
  getInvoices: {
    method: 'GET',
    path: '/invoices',
    capability: 'invoices',
    response: s.invoicePageSchema,
    mayAnswerFromCopy: true,
    query: {
      limit: 'integer 1-500, default 50',
      cursor: 'nextCursor of the previous page',
      status: 'invoice status',
      from: 'YYYY-MM-DD',
      to: 'YYYY-MM-DD',
      q: 'text in the number or description',
    },
  },
  getInvoice: {
    method: 'GET',
    path: '/invoices/{invoiceId}',
    capability: 'invoices',
    response: s.invoiceSchema,
    mayAnswerFromCopy: true,
  },
  getInvoicePdf: {
    method: 'GET',
    path: '/invoices/{invoiceId}/pdf',
    capability: 'invoices',
    response: 'pdf',
  },
  exportInvoicesCsv: {
    method: 'GET',
    // Not under /invoices/{invoiceId}: a server must route this path before that one.
    path: '/invoices/export.csv',
    capability: 'invoices',
    response: 'csv',
    mayAnswerFromCopy: true,
    query: {
      status: 'invoice status',
      from: 'YYYY-MM-DD',
      to: 'YYYY-MM-DD',
      q: 'text in the number or description',
    },
  },
  payInvoice: {
    method: 'POST',
    path: '/invoices/{invoiceId}/payments',
    capability: 'payments',
    request: s.invoicePaymentInputSchema,
    response: s.invoicePaymentSchema,
    idempotencyKey: true,
    safeToRepeat: true,
  },
  getPaymentMethod: {
    method: 'GET',
    path: '/payment-method',
    capability: 'payments',
    response: s.paymentMethodSchema,
    mayAnswerFromCopy: true,
  },
  createPaymentSession: {
    method: 'POST',
    path: '/payment-method/sessions',
    capability: 'payments',
    request: s.paymentSessionInputSchema,
    response: s.paymentSessionSchema,
    safeToRepeat: true,
  },
  getBillingDetails: {
    method: 'GET',
    path: '/billing-details',
    capability: 'billingDetails',
    response: s.billingDetailsSchema,
    mayAnswerFromCopy: true,
  },
  updateBillingDetails: {
    method: 'PUT',
    path: '/billing-details',
    capability: 'billingDetails',
    request: s.billingDetailsInputSchema,
    response: s.billingDetailsSchema,
    safeToRepeat: true,
  },
} as const satisfies Record<string, Endpoint>

export type EndpointName = keyof typeof endpoints
