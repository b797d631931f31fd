/**
 * Every Zuora v1 operation the gateway calls: method, documented path, Zuora's operationId, where
 * we read it, the schemas of what we send and what we accept, and which concurrency limit counts
 * it. The transport and the simulator both read this table, so they cannot disagree on a path.
 *
 * Sources: chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/
 * v1-api-reference_api_operation_<file>.md (named per row); concurrency pools from the
 * "Rate and concurrent request limits" guide (40 default, 200 orders and payment pages, 80 object
 * queries), as summarised in /work/shared/brief/GATEWAY.md.
 */
import type { z } from 'zod'
import { createTokenRequestSchema, createTokenResponseSchema } from './auth'
import {
  getAccountResponseSchema,
  updateAccountRequestSchema,
  updateAccountResponseSchema,
  updateContactRequestSchema,
  updateContactResponseSchema,
} from './accounts'
import { getCatalogResponseSchema, getProductRatePlansResponseSchema } from './catalog'
import { invoiceFilesResponseSchema, queryInvoiceByKeyResponseSchema, queryInvoicesResponseSchema } from './invoices'
import {
  asyncJobResponseSchema,
  createOrderAsyncRequestSchema,
  createOrderAsyncResponseSchema,
  createOrderRequestSchema,
  createOrderResponseSchema,
  getOrderResponseSchema,
  previewOrderRequestSchema,
  previewOrderResponseSchema,
} from './orders'
import {
  createPaymentRequestSchema,
  createPaymentResponseSchema,
  defaultPaymentMethodResponseSchema,
  rsaSignatureRequestSchema,
  rsaSignatureResponseSchema,
} from './payment-methods'
import { subscriptionsByAccountResponseSchema } from './subscriptions'

/** Which of Zuora's concurrency limits a call counts against. */
export type ZuoraPool = 'default' | 'orders' | 'objectQuery' | 'paymentPages'

export const ZUORA_POOL_LIMITS: Readonly<Record<ZuoraPool, number>> = {
  default: 40,
  orders: 200,
  objectQuery: 80,
  paymentPages: 200,
}

export type ZuoraMethod = 'GET' | 'POST' | 'PUT'

export type ZuoraOperation = {
  method: ZuoraMethod
  /** Documented path template; `{name}` placeholders as Zuora spells them. */
  path: string
  operationId: string
  /** `repo : path` of the page the shapes were read from. */
  source: string
  /** Omitted for bodiless calls. `createToken` is form-encoded, every other body JSON. */
  requestSchema?: z.ZodType
  /** `'binary'`: the body is a file (JSON only when the call failed). */
  responseSchema: z.ZodType | 'binary'
  pool: ZuoraPool
}

const page = (file: string) =>
  `chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/v1-api-reference_api_operation_${file}.md`

export const zuoraOperations = {
  createToken: {
    method: 'POST',
    path: '/oauth/token',
    operationId: 'createToken',
    source: page('createtoken'),
    requestSchema: createTokenRequestSchema,
    responseSchema: createTokenResponseSchema,
    pool: 'default',
  },
  getSubscriptionsByAccount: {
    method: 'GET',
    path: '/v1/subscriptions/accounts/{account-key}',
    operationId: 'GET_SubscriptionsByAccount',
    source: page('get_subscriptionsbyaccount'),
    responseSchema: subscriptionsByAccountResponseSchema,
    pool: 'default',
  },
  previewOrder: {
    method: 'POST',
    path: '/v1/orders/preview',
    operationId: 'POST_PreviewOrder',
    source: page('post_previeworder'),
    requestSchema: previewOrderRequestSchema,
    responseSchema: previewOrderResponseSchema,
    pool: 'orders',
  },
  createOrder: {
    method: 'POST',
    path: '/v1/orders',
    operationId: 'POST_Order',
    source: page('post_order'),
    requestSchema: createOrderRequestSchema,
    responseSchema: createOrderResponseSchema,
    pool: 'orders',
  },
  getOrder: {
    method: 'GET',
    path: '/v1/orders/{orderNumber}',
    operationId: 'GET_Order',
    source: page('get_order'),
    responseSchema: getOrderResponseSchema,
    pool: 'orders',
  },
  createOrderAsync: {
    method: 'POST',
    path: '/v1/async/orders',
    operationId: 'POST_CreateOrderAsynchronously',
    source: page('post_createorderasynchronously'),
    requestSchema: createOrderAsyncRequestSchema,
    responseSchema: createOrderAsyncResponseSchema,
    pool: 'orders',
  },
  getAsyncJob: {
    method: 'GET',
    path: '/v1/async-jobs/{jobId}',
    operationId: 'GET_JobStatusAndResponse',
    source: page('get_jobstatusandresponse'),
    responseSchema: asyncJobResponseSchema,
    pool: 'orders',
  },
  queryInvoices: {
    method: 'GET',
    path: '/object-query/invoices',
    operationId: 'queryInvoices',
    source: page('queryinvoices'),
    responseSchema: queryInvoicesResponseSchema,
    pool: 'objectQuery',
  },
  queryInvoiceByKey: {
    method: 'GET',
    path: '/object-query/invoices/{key}',
    operationId: 'queryInvoiceByKey',
    source: page('queryinvoicebykey'),
    responseSchema: queryInvoiceByKeyResponseSchema,
    pool: 'objectQuery',
  },
  getInvoiceFiles: {
    method: 'GET',
    path: '/v1/invoices/{invoiceKey}/files',
    operationId: 'GET_InvoiceFiles',
    source: page('get_invoicefiles'),
    responseSchema: invoiceFilesResponseSchema,
    pool: 'default',
  },
  getFile: {
    method: 'GET',
    path: '/v1/files/{file-id}',
    operationId: 'GET_Files',
    source: page('get_files'),
    responseSchema: 'binary',
    pool: 'default',
  },
  getDefaultPaymentMethod: {
    method: 'GET',
    path: '/v1/accounts/{account-key}/payment-methods/default',
    operationId: 'GET_AcountDefaultPaymentMethod',
    source: page('get_acountdefaultpaymentmethod'),
    responseSchema: defaultPaymentMethodResponseSchema,
    pool: 'default',
  },
  createRsaSignature: {
    method: 'POST',
    path: '/v1/rsa-signatures',
    operationId: 'POST_RSASignatures',
    source: page('post_rsasignatures'),
    requestSchema: rsaSignatureRequestSchema,
    responseSchema: rsaSignatureResponseSchema,
    pool: 'paymentPages',
  },
  createPayment: {
    method: 'POST',
    path: '/v1/payments',
    operationId: 'POST_CreatePayment',
    source: page('post_createpayment'),
    requestSchema: createPaymentRequestSchema,
    responseSchema: createPaymentResponseSchema,
    pool: 'default',
  },
  getAccount: {
    method: 'GET',
    path: '/v1/accounts/{account-key}',
    operationId: 'GET_Account',
    source: page('get_account'),
    responseSchema: getAccountResponseSchema,
    pool: 'default',
  },
  updateAccount: {
    method: 'PUT',
    path: '/v1/accounts/{account-key}',
    operationId: 'PUT_Account',
    source: page('put_account'),
    requestSchema: updateAccountRequestSchema,
    responseSchema: updateAccountResponseSchema,
    pool: 'default',
  },
  updateContact: {
    method: 'PUT',
    path: '/v1/contacts/{contactId}',
    operationId: 'PUT_Contact',
    source: page('put_contact'),
    requestSchema: updateContactRequestSchema,
    responseSchema: updateContactResponseSchema,
    pool: 'default',
  },
  getCatalog: {
    method: 'GET',
    path: '/v1/catalog/products',
    operationId: 'GET_Catalog',
    source: page('get_catalog'),
    responseSchema: getCatalogResponseSchema,
    pool: 'default',
  },
  /** The catalog's second URL: a product's rate plans with their charges and prices. */
  getProductRatePlans: {
    method: 'GET',
    path: '/v1/products/{product-key}/product-rate-plans',
    operationId: 'GET_ProductRatePlans',
    source: page('get_productrateplans'),
    responseSchema: getProductRatePlansResponseSchema,
    pool: 'default',
  },
} as const satisfies Record<string, ZuoraOperation>

export type ZuoraOperationName = keyof typeof zuoraOperations

/** The parsed answer of an operation, by name (`ArrayBuffer` for binary ones). */
export type ZuoraResponseOf<Name extends ZuoraOperationName> =
  (typeof zuoraOperations)[Name]['responseSchema'] extends z.ZodType
    ? z.output<(typeof zuoraOperations)[Name]['responseSchema']>
    : ArrayBuffer

/**
 * Fills a path template: `fillPath('/v1/orders/{orderNumber}', { orderNumber: 'O-1' })`. Every
 * value is URI-encoded; a missing one throws (a call to `/v1/orders/{orderNumber}` is our bug).
 */
export function fillPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === '') throw new Error(`missing path parameter ${name} for ${template}`)
    return encodeURIComponent(value)
  })
}
