/**
 * Accounts and contacts: billing details (bill-to contact, VAT id, who gets invoices by email).
 *
 * Sources, all in chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/:
 * - `GET_Account`, GET /v1/accounts/{account-key}: v1-api-reference_api_operation_get_account.md
 *   (`billingAndPayment.invoiceDeliveryPrefsEmail` and `.additionalEmailAddresses`, an array, in
 *   its response sample)
 * - `PUT_Account`, PUT /v1/accounts/{account-key}: v1-api-reference_api_operation_put_account.md
 *   (`invoiceDeliveryPrefsEmail`: "Whether the customer wants to receive invoices through email",
 *   default false; `additionalEmailAddresses`: "Array of strings ... Use commas to separate email
 *   addresses")
 * - `PUT_Contact`, PUT /v1/contacts/{contactId}: v1-api-reference_api_operation_put_contact.md
 *   (field lengths from its request table)
 * The additional addresses' limit is the Account object's: a comma-separated list of at most 1,200
 * characters (zuora-docs-scrapper/output/zuora-platform/
 * integration_apis_soap-api_soap-api-object-reference_account_field-descriptions.md,
 * `AdditionalEmailAddresses`). Zuora documents no count; the app's own limit (5) is the contract's.
 * A PUT must not carry an `Idempotency-Key` (Zuora answers 400): a PUT is idempotent by itself.
 */
import { z } from 'zod'
import { successFlagSchema } from './common'

/** A contact as Zuora returns it: every field present, empty strings or null when unset. */
export const contactSchema = z.looseObject({
  id: z.string().optional(),
  firstName: z.string(),
  lastName: z.string(),
  workEmail: z.string().nullable().optional(),
  workPhone: z.string().nullable().optional(),
  address1: z.string().nullable().optional(),
  address2: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  state: z.string().nullable().optional(),
  zipCode: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
})
export type Contact = z.infer<typeof contactSchema>

/** The contact fields the gateway writes, with Zuora's documented lengths. */
export const contactUpdateSchema = z.strictObject({
  firstName: z.string().min(1).max(100).optional(),
  lastName: z.string().min(1).max(100).optional(),
  workEmail: z.string().max(80).optional(),
  workPhone: z.string().max(40).optional(),
  address1: z.string().max(255).optional(),
  address2: z.string().max(255).optional(),
  city: z.string().max(100).optional(),
  state: z.string().max(100).optional(),
  zipCode: z.string().max(20).optional(),
  /** A full name or an ISO code. */
  country: z.string().max(64).optional(),
})
export type ContactUpdate = z.infer<typeof contactUpdateSchema>

export const taxInfoSchema = z.looseObject({
  VATId: z.string().nullable().optional(),
  companyCode: z.string().nullable().optional(),
  exemptStatus: z.string().nullable().optional(),
})
export type TaxInfo = z.infer<typeof taxInfoSchema>

/** Zuora's limit on the additional addresses, joined by commas (the Account object's field). */
export const ADDITIONAL_EMAILS_MAX_CHARS = 1_200

/**
 * The additional addresses as the REST API answers them: an array (the GET sample). The Account
 * object and the data loader describe the same field as one comma-separated string, so that form is
 * taken too (adapter/account-map.ts splits it).
 */
export const additionalEmailAddressesSchema = z.union([z.array(z.string()), z.string()]).nullable()

export const getAccountResponseSchema = z.looseObject({
  success: successFlagSchema,
  basicInfo: z.looseObject({
    id: z.string(),
    accountNumber: z.string(),
    name: z.string(),
    status: z.string(),
  }),
  billToContact: contactSchema,
  soldToContact: contactSchema.optional(),
  billingAndPayment: z
    .looseObject({
      currency: z.string(),
      defaultPaymentMethodId: z.string().nullable().optional(),
      paymentTerm: z.string().optional(),
      autoPay: z.boolean().optional(),
      /** Whether invoices are emailed (to the bill-to contact and the additional addresses). */
      invoiceDeliveryPrefsEmail: z.boolean().optional(),
      additionalEmailAddresses: additionalEmailAddressesSchema.optional(),
    })
    .optional(),
  /** Only where tax exemption or VAT is set up on the tenant. */
  taxInfo: taxInfoSchema.optional(),
})
export type GetAccountResponse = z.infer<typeof getAccountResponseSchema>

export const updateAccountRequestSchema = z.strictObject({
  name: z.string().min(1).max(255).optional(),
  billToContact: contactUpdateSchema.optional(),
  taxInfo: z.strictObject({ VATId: z.string().max(64).optional(), companyCode: z.string().optional() }).optional(),
  invoiceDeliveryPrefsEmail: z.boolean().optional(),
  /** Replaces the list: an empty one clears it. */
  additionalEmailAddresses: z
    .array(z.string().min(1))
    .refine((addresses) => addresses.join(',').length <= ADDITIONAL_EMAILS_MAX_CHARS, {
      message: `at most ${ADDITIONAL_EMAILS_MAX_CHARS} characters joined by commas`,
    })
    .optional(),
})
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>

export const updateAccountResponseSchema = z.looseObject({ success: z.literal(true) })
export type UpdateAccountResponse = z.infer<typeof updateAccountResponseSchema>

export const updateContactRequestSchema = contactUpdateSchema
export type UpdateContactRequest = ContactUpdate

/** The updated contact, echoed back with its account. */
export const updateContactResponseSchema = contactSchema.extend({
  success: successFlagSchema,
  id: z.string(),
  accountId: z.string().optional(),
  accountNumber: z.string().optional(),
})
export type UpdateContactResponse = z.infer<typeof updateContactResponseSchema>
