/**
 * The billing details form as flat text values keyed by the same dotted paths the schema and the
 * server use for errors (`address.postalCode`), so that a client or server error lands on its field;
 * and who receives invoices by email, a list whose addresses are named by their place in it
 * (`invoiceRecipients.additional.1`), as the schema's errors name them.
 */
import type { BillingDetails } from '@/lib/api/schemas'
import { z } from 'zod/mini'
import {
  billingDetailsInputSchema,
  invoiceRecipientsInputSchema,
  MAX_INVOICE_RECIPIENTS,
  recipientsBesideContact,
} from '@/lib/api/schemas'

export const fieldPaths = [
  'contact.name',
  'contact.email',
  'contact.phone',
  'address.line1',
  'address.line2',
  'address.city',
  'address.region',
  'address.postalCode',
  'address.country',
  'taxId',
] as const
export type FieldPath = (typeof fieldPaths)[number]

/** Whether invoices are emailed, and the addresses besides the billing contact's, as typed. */
export type RecipientValues = { emailInvoices: boolean; additional: string[] }

/** `recipients` is null when the server does not say who receives invoices: then it is neither shown nor sent. */
export type FormValues = Record<FieldPath, string> & { recipients: RecipientValues | null }

/** The list of additional addresses as a whole (too many), and each address by its place in it. */
export const recipientsPath = 'invoiceRecipients.additional'
export type RecipientPath = `${typeof recipientsPath}.${number}`
export const recipientPath = (index: number): RecipientPath => `${recipientsPath}.${index}`

/** Anything an error can be about. */
export type ErrorPath = FieldPath | typeof recipientsPath | RecipientPath

/** The button that adds an address: focus goes back to it when the last address is removed. */
export const addRecipientName = 'invoiceRecipients.add'
/** The on/off choice: first in the form that asks for recipients alone. */
export const emailInvoicesName = 'invoiceRecipients.emailInvoices'
/** Where focus may be sent (form-control names). */
export type FocusTarget = ErrorPath | typeof addRecipientName | typeof emailInvoicesName

const isFieldPath = (path: string): path is FieldPath => (fieldPaths as readonly string[]).includes(path)
const recipientIndex = (path: string): number | null => {
  const match = /^invoiceRecipients\.additional\.(\d+)$/.exec(path)
  return match ? Number(match[1]) : null
}
const isErrorPath = (path: string): path is ErrorPath =>
  isFieldPath(path) || path === recipientsPath || recipientIndex(path) !== null

/** Why a field was refused; turned into text only when shown, so a language switch applies. */
export type FieldError =
  | { code: 'required' | 'email' | 'country' | 'taxId' | 'duplicate' | 'isContact' | 'invalid' }
  | { code: 'tooLong' | 'tooMany'; max: number }
  | { code: 'server'; message: string }
export type FieldErrors = Partial<Record<ErrorPath, FieldError>>

export function toFormValues(details: BillingDetails): FormValues {
  return {
    'contact.name': details.contact.name,
    'contact.email': details.contact.email,
    'contact.phone': details.contact.phone ?? '',
    'address.line1': details.address.line1,
    'address.line2': details.address.line2 ?? '',
    'address.city': details.address.city,
    'address.region': details.address.region ?? '',
    'address.postalCode': details.address.postalCode,
    'address.country': details.address.country,
    taxId: details.taxId ?? '',
    recipients: details.invoiceRecipients
      ? {
          emailInvoices: details.invoiceRecipients.emailInvoices,
          additional: [...details.invoiceRecipients.additional],
        }
      : null,
  }
}

function toRawInput(values: FormValues) {
  return {
    contact: { name: values['contact.name'], email: values['contact.email'], phone: values['contact.phone'] },
    address: {
      line1: values['address.line1'],
      line2: values['address.line2'],
      city: values['address.city'],
      region: values['address.region'],
      postalCode: values['address.postalCode'],
      country: values['address.country'],
    },
    taxId: values.taxId,
    ...(values.recipients ? { invoiceRecipients: values.recipients } : {}),
  }
}

type KnownCode = 'required' | 'email' | 'country' | 'taxId' | 'duplicate' | 'isContact'
const knownCodes = new Set<string>(['required', 'email', 'country', 'taxId', 'duplicate', 'isContact'])

export type Validation =
  { ok: true; input: z.output<typeof billingDetailsInputSchema> } | { ok: false; errors: FieldErrors }

/** The same rules the server applies; the first issue of each field is the one shown. */
export function validate(values: FormValues): Validation {
  const result = billingDetailsInputSchema.safeParse(toRawInput(values))
  if (result.success) return { ok: true, input: result.data }
  return { ok: false, errors: fieldErrorsOf(result.error.issues) }
}

/**
 * Who receives invoices alone, by the same rules as the whole form (an admin without billing rights
 * asks for them and changes nothing else): at most five, none twice, each an address, none the
 * billing contact's own `contactEmail`. The errors are on the same paths as the form's.
 */
const recipientsAloneSchema = z
  .object({ contact: z.object({ email: z.string() }), invoiceRecipients: invoiceRecipientsInputSchema })
  .check(recipientsBesideContact)
export type RecipientsValidation =
  { ok: true; recipients: z.output<typeof invoiceRecipientsInputSchema> } | { ok: false; errors: FieldErrors }

export function validateRecipients(recipients: RecipientValues, contactEmail: string): RecipientsValidation {
  const result = recipientsAloneSchema.safeParse({ contact: { email: contactEmail }, invoiceRecipients: recipients })
  if (result.success) return { ok: true, recipients: result.data.invoiceRecipients }
  return { ok: false, errors: fieldErrorsOf(result.error.issues) }
}

/** Zod's issues on the form's paths; the first issue of each field is the one kept. */
function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const path = issue.path.join('.')
    if (!isErrorPath(path) || errors[path]) continue
    if (path === recipientsPath) errors[path] = { code: 'tooMany', max: MAX_INVOICE_RECIPIENTS }
    else if (issue.code === 'too_big') errors[path] = { code: 'tooLong', max: Number(issue.maximum) }
    else if (knownCodes.has(issue.message)) errors[path] = { code: issue.message as KnownCode }
    else errors[path] = { code: 'invalid' }
  }
  return errors
}

/** A 422's `fields` (dotted paths to the provider's message) on the form's own fields. */
export function serverFieldErrors(fields: Record<string, string> | undefined): FieldErrors {
  const errors: FieldErrors = {}
  for (const [path, message] of Object.entries(fields ?? {})) {
    if (!isErrorPath(path)) continue
    if (path === recipientsPath && message === 'tooMany')
      errors[path] = { code: 'tooMany', max: MAX_INVOICE_RECIPIENTS }
    else errors[path] = knownCodes.has(message) ? { code: message as KnownCode } : { code: 'server', message }
  }
  return errors
}

/** The addresses' errors after the one at `removed` left the list: those after it move up one place. */
export function withoutRecipient(errors: FieldErrors, removed: number): FieldErrors {
  const kept: FieldErrors = {}
  for (const [path, error] of Object.entries(errors) as Array<[ErrorPath, FieldError]>) {
    const index = recipientIndex(path)
    if (index === null) kept[path] = error
    else if (index !== removed) kept[recipientPath(index < removed ? index : index - 1)] = error
  }
  return kept
}

/**
 * Errors in the order of the form, so the summary reads top to bottom and focus goes to the first:
 * the text fields, then the list of addresses, then each address in its place.
 */
export const orderedErrors = (errors: FieldErrors): Array<{ path: ErrorPath; error: FieldError }> => {
  const recipients = (Object.keys(errors) as ErrorPath[])
    .flatMap((path) => {
      const index = recipientIndex(path)
      return index === null ? [] : [{ path, index }]
    })
    .sort((a, b) => a.index - b.index)
    .map(({ path }) => path)
  const order: ErrorPath[] = [...fieldPaths, recipientsPath, ...recipients]
  return order.flatMap((path) => {
    const error = errors[path]
    return error ? [{ path, error }] : []
  })
}
