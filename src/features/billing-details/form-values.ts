/**
 * The billing details form as flat text values keyed by the same dotted paths the schema and the
 * server use for errors (`address.postalCode`), so that a client or server error lands on its field.
 */
import type { z } from 'zod/mini'
import type { BillingDetails } from '@/lib/api/schemas'
import { billingDetailsInputSchema } from '@/lib/api/schemas'

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
export type FormValues = Record<FieldPath, string>

const isFieldPath = (path: string): path is FieldPath => (fieldPaths as readonly string[]).includes(path)

/** Why a field was refused; turned into text only when shown, so a language switch applies. */
export type FieldError =
  | { code: 'required' | 'email' | 'country' | 'taxId' | 'invalid' }
  | { code: 'tooLong'; max: number }
  | { code: 'server'; message: string }
export type FieldErrors = Partial<Record<FieldPath, FieldError>>

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
  }
}

const knownCodes = new Set(['required', 'email', 'country', 'taxId'])

export type Validation =
  { ok: true; input: z.output<typeof billingDetailsInputSchema> } | { ok: false; errors: FieldErrors }

/** The same rules the server applies; the first issue of each field is the one shown. */
export function validate(values: FormValues): Validation {
  const result = billingDetailsInputSchema.safeParse(toRawInput(values))
  if (result.success) return { ok: true, input: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const path = issue.path.join('.')
    if (!isFieldPath(path) || errors[path]) continue
    if (issue.code === 'too_big') errors[path] = { code: 'tooLong', max: Number(issue.maximum) }
    else if (knownCodes.has(issue.message))
      errors[path] = { code: issue.message as 'required' | 'email' | 'country' | 'taxId' }
    else errors[path] = { code: 'invalid' }
  }
  return { ok: false, errors }
}

/** A 422's `fields` (dotted paths to the provider's message) on the form's own fields. */
export function serverFieldErrors(fields: Record<string, string> | undefined): FieldErrors {
  const errors: FieldErrors = {}
  for (const [path, message] of Object.entries(fields ?? {})) {
    if (!isFieldPath(path)) continue
    errors[path] = knownCodes.has(message)
      ? { code: message as 'required' | 'email' | 'country' | 'taxId' }
      : { code: 'server', message }
  }
  return errors
}

/** Errors in the order of the form, so the summary reads top to bottom and focus goes to the first. */
export const orderedErrors = (errors: FieldErrors) =>
  fieldPaths.flatMap((path) => {
    const error = errors[path]
    return error ? [{ path, error }] : []
  })
