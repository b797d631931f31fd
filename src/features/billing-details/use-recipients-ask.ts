import { useState } from 'react'
import type { BillingDetails, InvoiceRecipients } from '@/lib/api/schemas'
import { NOTE_MAX_LENGTH } from '@/billing/request-draft-store'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useAskForRecipients } from './api/ask-for-recipients'
import type { FocusRequest } from './components/billing-details-form'
import type { RecipientEdits } from './components/invoice-recipients-fields'
import {
  emailInvoicesName,
  orderedErrors,
  validateRecipients,
  type ErrorPath,
  type FieldErrors,
  type RecipientValues,
} from './form-values'
import { recipientEdit, type RecipientEdit } from './recipient-edits'

type Form = { recipients: RecipientValues; note: string; errors: FieldErrors; focus: FocusRequest | null }

/**
 * An admin without billing rights asks a billing admin to change who receives invoices: the same
 * list and rules as the billing admin's editor (the contact's own address refused against the
 * details shown), an optional note, sent as a change request of its own. Nothing is kept across a
 * reload: it is a short form, and the request, once sent, is on the Requests page.
 */
export function useRecipientsAsk(accountId: string) {
  const [account] = useState(accountId)
  const ask = useAskForRecipients(account)
  const availability = useActionAvailability('requests.ask')
  const [form, setForm] = useState<Form | null>(null)
  const [sent, setSent] = useState<InvoiceRecipients | null>(null)

  const open = (details: BillingDetails) => {
    const current = details.invoiceRecipients
    if (!current) return
    ask.reset()
    setSent(null)
    setForm({
      recipients: { emailInvoices: current.emailInvoices, additional: [...current.additional] },
      note: '',
      errors: {},
      focus: { path: emailInvoicesName, seq: 0 },
    })
  }

  const editRecipients = ({ apply, errorsAfter, focusTo }: RecipientEdit) =>
    setForm((current) =>
      current
        ? {
            ...current,
            recipients: apply(current.recipients),
            errors: errorsAfter(current.errors),
            focus: focusTo ? { path: focusTo, seq: (current.focus?.seq ?? 0) + 1 } : current.focus,
          }
        : current,
    )
  const count = form?.recipients.additional.length ?? 0
  const edits: RecipientEdits = {
    setEmailInvoices: (on) => editRecipients(recipientEdit.setEmailInvoices(on)),
    change: (index, address) => editRecipients(recipientEdit.change(index, address)),
    add: () => editRecipients(recipientEdit.add(count)),
    remove: (index) => editRecipients(recipientEdit.remove(index, count)),
  }

  /** From the error summary to the field it names. */
  const jump = (path: ErrorPath) =>
    setForm((current) => (current ? { ...current, focus: { path, seq: (current.focus?.seq ?? 0) + 1 } } : current))
  const setNote = (note: string) => setForm((current) => (current ? { ...current, note } : current))
  const cancel = () => {
    ask.reset()
    setForm(null)
  }

  const submit = (contactEmail: string) => {
    if (!form || ask.isPending || !availability.allowed) return
    const result = validateRecipients(form.recipients, contactEmail)
    if (!result.ok) {
      const first = orderedErrors(result.errors)[0]
      const seq = (form.focus?.seq ?? 0) + 1
      setForm({ ...form, errors: result.errors, focus: first ? { path: first.path, seq } : form.focus })
      return
    }
    const note = form.note.trim().slice(0, NOTE_MAX_LENGTH)
    ask.mutate(
      { recipients: result.recipients, note: note === '' ? null : note },
      {
        onSuccess: () => {
          setForm(null)
          setSent(result.recipients)
        },
      },
    )
  }

  return { form, sent, sending: ask.isPending, error: ask.error, open, edits, jump, setNote, cancel, submit }
}
