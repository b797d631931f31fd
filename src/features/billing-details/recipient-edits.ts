/**
 * The edits of who receives invoices, as pure steps: the list after each, what becomes of the
 * errors, and where focus goes when an address comes or goes. Shared by the billing admin's editor
 * and the ask form of an admin without billing rights, so both lists behave alike.
 */
import {
  addRecipientName,
  recipientPath,
  recipientsPath,
  withoutRecipient,
  type ErrorPath,
  type FieldErrors,
  type FocusTarget,
  type RecipientValues,
} from './form-values'

export type RecipientEdit = {
  apply: (recipients: RecipientValues) => RecipientValues
  errorsAfter: (errors: FieldErrors) => FieldErrors
  /** Where focus goes, if it moves. */
  focusTo?: FocusTarget
}

/** The admin is fixing this field: its old message no longer describes what is typed. */
export const clearError = (path: ErrorPath) => (errors: FieldErrors) => {
  const rest = { ...errors }
  delete rest[path]
  return rest
}

const keep = (errors: FieldErrors) => errors

export const recipientEdit = {
  setEmailInvoices: (emailInvoices: boolean): RecipientEdit => ({
    apply: (current) => ({ ...current, emailInvoices }),
    errorsAfter: keep,
  }),
  change: (index: number, address: string): RecipientEdit => ({
    apply: (current) => ({
      ...current,
      additional: current.additional.map((old, at) => (at === index ? address : old)),
    }),
    errorsAfter: clearError(recipientPath(index)),
  }),
  /** A new empty address at the end (after `count`), focused to be typed in. */
  add: (count: number): RecipientEdit => ({
    apply: (current) => ({ ...current, additional: [...current.additional, ''] }),
    errorsAfter: keep,
    focusTo: recipientPath(count),
  }),
  /** Focus goes to the address that takes its place, else the one before it, else the add button. */
  remove: (index: number, count: number): RecipientEdit => {
    const remaining = count - 1
    return {
      apply: (current) => ({ ...current, additional: current.additional.filter((_, at) => at !== index) }),
      errorsAfter: (errors) => clearError(recipientsPath)(withoutRecipient(errors, index)),
      focusTo: remaining === 0 ? addRecipientName : recipientPath(Math.min(index, remaining - 1)),
    }
  },
}
