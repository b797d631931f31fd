/**
 * Payment methods and payments: the default card, a Payment Pages 2.0 signature for the hosted
 * card form, and (next round) paying invoices.
 *
 * Sources, all in chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/:
 * - `GET_AcountDefaultPaymentMethod` (Zuora's spelling), GET /v1/accounts/{account-key}/payment-methods/default:
 *   v1-api-reference_api_operation_get_acountdefaultpaymentmethod.md
 * - `POST_RSASignatures`, POST /v1/rsa-signatures: v1-api-reference_api_operation_post_rsasignatures.md
 * - `POST_CreatePayment`, POST /v1/payments: v1-api-reference_api_operation_post_createpayment.md
 */
import { z } from 'zod'
import { amountSchema, isoDateSchema, successFlagSchema } from './common'

/**
 * Card fields are present only for `type: "CreditCard"`; the card number comes masked
 * ("************1111"). Other types (ACH, PayPal, ...) carry their own fields.
 */
export const defaultPaymentMethodResponseSchema = z.looseObject({
  success: successFlagSchema,
  id: z.string(),
  type: z.string(),
  status: z.string().optional(),
  isDefault: z.boolean().optional(),
  cardNumber: z.string().optional(),
  creditCardType: z.string().optional(),
  expirationMonth: z.number().int().min(1).max(12).optional(),
  expirationYear: z.number().int().optional(),
  accountHolderInfo: z.looseObject({ accountHolderName: z.string().optional() }).optional(),
})
export type DefaultPaymentMethodResponse = z.infer<typeof defaultPaymentMethodResponseSchema>

/**
 * What the gateway signs: the page to render and where it is served from. The optional client
 * parameters Zuora can validate (currency, accountId, ...) are left out until we send them.
 */
export const rsaSignatureRequestSchema = z.strictObject({
  /** Zuora's hosted page endpoint, e.g. https://www.zuora.com/apps/PublicHostedPageLite.do. */
  uri: z.url(),
  method: z.literal('POST'),
  pageId: z.string().min(1),
  accountId: z.string().optional(),
  currency: z.string().optional(),
})
export type RsaSignatureRequest = z.infer<typeof rsaSignatureRequestSchema>

/** Handed to Zuora's script in the browser to render and submit the card form. */
export const rsaSignatureResponseSchema = z.looseObject({
  success: successFlagSchema,
  signature: z.string().min(1),
  token: z.string().min(1),
  tenantId: z.string().min(1),
  /** The public key the page encrypts card data with. */
  key: z.string().min(1),
})
export type RsaSignatureResponse = z.infer<typeof rsaSignatureResponseSchema>

export const paymentInvoiceSchema = z.strictObject({
  invoiceId: z.string().min(1),
  amount: amountSchema.positive(),
})

export const createPaymentRequestSchema = z
  .strictObject({
    accountId: z.string().min(1).optional(),
    accountNumber: z.string().min(1).optional(),
    /** Electronic charges the payment method through its gateway; External records money received. */
    type: z.enum(['Electronic', 'External']),
    amount: amountSchema.positive(),
    currency: z.string().length(3),
    /** Omitted: the account's default payment method. */
    paymentMethodId: z.string().min(1).optional(),
    /** Required for electronic payments, and then must be today. */
    effectiveDate: isoDateSchema.optional(),
    invoices: z.array(paymentInvoiceSchema).max(1000).optional(),
    comment: z.string().max(255).optional(),
    gatewayOrderId: z.string().max(50).optional(),
  })
  .refine((body) => body.accountId !== undefined || body.accountNumber !== undefined, {
    message: 'accountId or accountNumber is required',
  })
export type CreatePaymentRequest = z.infer<typeof createPaymentRequestSchema>

export const createPaymentResponseSchema = z.looseObject({
  success: successFlagSchema,
  id: z.string(),
  number: z.string(),
  /** Processed, Processing, Error, Canceled, ... */
  status: z.string(),
  type: z.string(),
  accountId: z.string(),
  amount: amountSchema,
  appliedAmount: amountSchema.optional(),
  unappliedAmount: amountSchema.optional(),
  currency: z.string(),
  effectiveDate: isoDateSchema,
  paymentMethodId: z.string().nullable().optional(),
  gatewayState: z.string().optional(),
  gatewayResponse: z.string().nullable().optional(),
  gatewayResponseCode: z.string().nullable().optional(),
})
export type CreatePaymentResponse = z.infer<typeof createPaymentResponseSchema>
