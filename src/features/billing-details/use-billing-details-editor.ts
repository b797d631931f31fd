import { useState } from 'react'
import { isApiError } from '@/lib/api/errors'
import type { BillingDetails } from '@/lib/api/schemas'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useUpdateBillingDetails } from './api/update-billing-details'
import { clearDraft, draftKey, readDraft, writeDraft } from './billing-details-draft'
import type { FocusRequest } from './components/billing-details-form'
import type { RecipientEdits } from './components/invoice-recipients-fields'
import {
  orderedErrors,
  serverFieldErrors,
  toFormValues,
  validate,
  type ErrorPath,
  type FieldErrors,
  type FieldPath,
  type FocusTarget,
  type FormValues,
} from './form-values'
import { clearError, recipientEdit, type RecipientEdit } from './recipient-edits'

type State = {
  /** null: showing the saved details; otherwise the form and what is typed in it. */
  values: FormValues | null
  errors: FieldErrors
  focus: FocusRequest | null
  /** The form was reopened from a draft kept across a reload. */
  restored: boolean
  saved: boolean
}

/**
 * View and edit of the billing details: the draft kept while editing, client validation with the
 * server's rules, the save, and where focus goes at each step. The editor belongs to one user on
 * one account, fixed when it is created (the signed-in frame remounts pages when either changes):
 * its draft is kept under them and its save is sent for that account only.
 */
export function useBillingDetailsEditor(userId: string, accountId: string) {
  const [{ draftStorageKey, account }] = useState(() => ({
    draftStorageKey: draftKey(userId, accountId),
    account: accountId,
  }))
  const update = useUpdateBillingDetails(account)
  const availability = useActionAvailability('billingDetails.update')
  const [state, setState] = useState<State>(() => {
    const draft = readDraft(draftStorageKey)
    return { values: draft, errors: {}, focus: null, restored: draft !== null, saved: false }
  })
  const focusFirst = (errors: FieldErrors, seq: number): FocusRequest | null => {
    const first = orderedErrors(errors)[0]
    return first ? { path: first.path, seq } : null
  }

  const startEdit = (details: BillingDetails) => {
    update.reset()
    setState({
      values: toFormValues(details),
      errors: {},
      focus: { path: 'contact.name', seq: 0 },
      restored: false,
      saved: false,
    })
  }

  /** One edit: the new values (kept as the draft), what becomes of the errors, and where focus goes, if it moves. */
  const edit = (
    apply: (values: FormValues) => FormValues,
    errorsAfter: (errors: FieldErrors) => FieldErrors,
    focusTo?: FocusTarget,
  ) => {
    setState((current) => {
      if (!current.values) return current
      const values = apply(current.values)
      writeDraft(draftStorageKey, values)
      const focus = focusTo ? { path: focusTo, seq: (current.focus?.seq ?? 0) + 1 } : current.focus
      return { ...current, values, errors: errorsAfter(current.errors), focus }
    })
  }
  const editRecipients = ({ apply, errorsAfter, focusTo }: RecipientEdit) =>
    edit(
      (values) => (values.recipients ? { ...values, recipients: apply(values.recipients) } : values),
      errorsAfter,
      focusTo,
    )
  const recipientCount = state.values?.recipients?.additional.length ?? 0

  const change = (path: FieldPath, value: string) => edit((values) => ({ ...values, [path]: value }), clearError(path))

  /** Who receives invoices: the on/off choice, and the list of other addresses (add, change, remove). */
  const recipients: RecipientEdits = {
    setEmailInvoices: (emailInvoices) => editRecipients(recipientEdit.setEmailInvoices(emailInvoices)),
    change: (index, address) => editRecipients(recipientEdit.change(index, address)),
    add: () => editRecipients(recipientEdit.add(recipientCount)),
    remove: (index) => editRecipients(recipientEdit.remove(index, recipientCount)),
  }

  const close = () => {
    clearDraft(draftStorageKey)
    update.reset()
  }

  const cancel = () => {
    close()
    setState({ values: null, errors: {}, focus: null, restored: false, saved: false })
  }

  const jump = (path: ErrorPath) =>
    setState((current) => ({ ...current, focus: { path, seq: (current.focus?.seq ?? 0) + 1 } }))

  const submit = () => {
    const values = state.values
    if (!values || update.isPending || !availability.allowed) return
    const seq = (state.focus?.seq ?? 0) + 1
    const result = validate(values)
    if (!result.ok) {
      setState((current) => ({ ...current, errors: result.errors, focus: focusFirst(result.errors, seq) }))
      return
    }
    setState((current) => ({ ...current, errors: {} }))
    update.mutate(result.input, {
      onSuccess: () => {
        close()
        setState({ values: null, errors: {}, focus: null, restored: false, saved: true })
      },
      onError: (error) => {
        const errors = isApiError(error) ? serverFieldErrors(error.fields) : {}
        setState((current) => ({ ...current, errors, focus: focusFirst(errors, seq) }))
      },
    })
  }

  return {
    ...state,
    editing: state.values !== null,
    saving: update.isPending,
    /** A failed save that no field explains (the provider down, a time-out). */
    saveError: update.isError && orderedErrors(state.errors).length === 0 ? update.error : null,
    startEdit,
    change,
    recipients,
    cancel,
    jump,
    submit,
  }
}
