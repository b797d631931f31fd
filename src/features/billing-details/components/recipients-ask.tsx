import { useEffect, useId, useRef, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { recipientsAskedIn } from '@/billing/change-items'
import { NOTE_MAX_LENGTH } from '@/billing/request-draft-store'
import { isOpen, useChangeRequests } from '@/billing/api/get-change-requests'
import { useDescribeError } from '@/lib/api/describe-error'
import type { BillingDetails } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { billingDetailsMessages } from '../billing-details-messages'
import { useRecipientsAsk } from '../use-recipients-ask'
import { ErrorSummary } from './error-summary'
import { InvoiceRecipientsFields } from './invoice-recipients-fields'

/**
 * Who receives invoices, for an admin without billing rights: "Ask to change invoice emails" opens
 * the billing admin's own list of addresses (the same fields, rules and keyboard behaviour) with a
 * note, and sends it as a change request of its own, at once, on the vendor's own API (so in any
 * provider state). Once sent, and for as long as such a request of theirs waits for a decision (after
 * a reload too), the control says so instead of offering a second one, with the way to the Requests
 * page, where it is followed or withdrawn. A request of its own, not the draft of seat, plan and add-on changes: it is not a
 * purchase, and a billing admin decides it apart from the cart.
 */
export function RecipientsAsk({ details, accountId }: { details: BillingDetails; accountId: string }) {
  const t = billingDetailsMessages.useT()
  const format = useFormat()
  const describeError = useDescribeError()
  const ask = useRecipientsAsk(accountId)
  const toggleId = useId()
  const titleId = useId()
  const noteId = useId()
  const sentLinkId = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const { form } = ask
  // The requester's own requests (a billing admin, who edits instead, never sees this control).
  const waiting = useChangeRequests().data?.requests.some(
    (request) => isOpen(request) && recipientsAskedIn(request.items) !== null,
  )
  const asked = ask.sent !== null || waiting === true

  const focus = form?.focus
  useEffect(() => {
    if (!focus) return
    const field = formRef.current?.elements.namedItem(focus.path)
    if (field instanceof HTMLElement) field.focus()
  }, [focus])
  // The form is gone: focus goes to the link to the request once sent, else back to the button.
  const wasOpen = useRef(false)
  useEffect(() => {
    if (wasOpen.current && !form) document.getElementById(ask.sent ? sentLinkId : toggleId)?.focus()
    wasOpen.current = form !== null
  }, [form, ask.sent, sentLinkId, toggleId])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    ask.submit(details.contact.email)
  }

  if (!form)
    return (
      <div className="recipients-ask">
        {asked ? (
          <Notice
            tone="info"
            live="polite"
            title={t('askSent')}
            actions={
              <Link id={sentLinkId} className="button button-secondary" to="/requests">
                {t('askSeeRequests')}
              </Link>
            }
          />
        ) : null}
        {asked ? null : (
          <div className="form-actions">
            <ActionButton
              id={toggleId}
              action="requests.ask"
              reasonBeside
              variant="secondary"
              onClick={() => ask.open(details)}
            >
              {t('askRecipients')}
            </ActionButton>
          </div>
        )}
      </div>
    )

  return (
    <form
      ref={formRef}
      className="form recipients-ask"
      aria-labelledby={titleId}
      onSubmit={submit}
      noValidate
      aria-busy={ask.sending || undefined}
    >
      <h3 id={titleId}>{t('askTitle')}</h3>
      <p className="field-hint">{t('askLead')}</p>
      {ask.error ? (
        <Notice tone="danger" live="assertive" title={t('askFailed', { reason: describeError(ask.error) })} />
      ) : null}
      <ErrorSummary errors={form.errors} onJump={ask.jump} sends />
      <InvoiceRecipientsFields recipients={form.recipients} errors={form.errors} edits={ask.edits} />
      <div className="field">
        <label htmlFor={noteId}>{t('askNoteLabel')}</label>
        <textarea
          id={noteId}
          aria-describedby={`${noteId}-hint`}
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          value={form.note}
          onChange={(event) => ask.setNote(event.target.value)}
        />
        <p id={`${noteId}-hint`} className="field-hint">
          {t('askNoteHint', { max: format.number(NOTE_MAX_LENGTH) })}
        </p>
      </div>
      <div className="form-actions">
        <ActionButton action="requests.ask" type="submit" disabled={ask.sending}>
          {ask.sending ? t('askSending') : t('askSend')}
        </ActionButton>
        <button type="button" className="button button-secondary" onClick={ask.cancel}>
          {t('cancelEdit')}
        </button>
      </div>
    </form>
  )
}
