import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { useCatalog } from '@/billing/api/get-catalog'
import { useSubscription } from '@/billing/api/get-subscription'
import { splitByTiming } from '@/billing/at-renewal'
import { useDescribeError } from '@/lib/api/describe-error'
import type { TakesEffect } from '@/lib/api/change-request-schemas'
import { NOTE_MAX_LENGTH, requestItemKey, useRequestDraft } from '@/billing/request-draft-store'
import { useFormat } from '@/lib/i18n/format'
import { useCurrentUser } from '@/lib/session/session-queries'
import { createChangeRequest } from '../api/change-request-actions'
import { changeRequestQueries } from '@/billing/api/get-change-requests'
import { useChangeTiming } from '../change-timing'
import { estimateMonthlyChange } from '../estimate'
import { requestsMessages } from '../requests-messages'
import { useDescribeItem } from '@/billing/describe-change'

/**
 * Ask: the change built with the subscription's and catalog's controls, a note, and an estimate at
 * list prices. Fewer seats and a smaller plan are asked for at renewal, as a billing admin would
 * schedule them (at-renewal.ts), each said with its date; with changes for now beside them, they go
 * as a second request. The draft lives in a persisted store, so a reload or an outage loses
 * nothing; a request's changes leave it once that request was accepted.
 */
export function RequestDraftForm() {
  const t = requestsMessages.useT()
  const format = useFormat()
  const describeError = useDescribeError()
  const describe = useDescribeItem()
  const timing = useChangeTiming()
  const queryClient = useQueryClient()
  const headingId = useId()
  const noteId = useId()
  const { draft, removeItem, setNote, clear } = useRequestDraft()
  const { account } = useCurrentUser()
  const { data: subscription } = useSubscription()
  const { data: catalog } = useCatalog()
  const [sent, setSent] = useState(false)
  const estimate = estimateMonthlyChange(draft.items, subscription, catalog)
  const timed = splitByTiming(draft.items, subscription, catalog)
  const atRenewal = new Set(timed.renewal.map(requestItemKey))

  const send = useMutation({
    // Asked for the account this draft was made on (the page is remounted when the account changes).
    mutationFn: async () => {
      const note = draft.note.trim() === '' ? null : draft.note.trim()
      const basis = { planId: subscription?.plan.id ?? null, seats: subscription?.seats.purchased ?? null }
      const requests: [TakesEffect, typeof timed.now][] = [
        ['now', timed.now],
        ['renewal', timed.renewal],
      ]
      for (const [takesEffect, items] of requests) {
        if (items.length === 0) continue
        const estimated = estimateMonthlyChange(items, subscription, catalog)
        await createChangeRequest({ items, note, estimate: estimated, basis, takesEffect }, account.id)
        // Sent: a failure of the other request keeps only its own changes in the draft.
        for (const item of items) removeItem(requestItemKey(item))
      }
    },
    onSuccess: () => {
      clear()
      setSent(true)
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: changeRequestQueries.all() }),
  })

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (draft.items.length === 0 || send.isPending) return
    setSent(false)
    send.mutate()
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{t('draftTitle')}</h2>
      </div>
      <div aria-live="polite">
        {sent ? <Notice tone="success" title={t('sent')} /> : null}
        {send.isError ? <Notice tone="danger" title={t('sendFailed', { reason: describeError(send.error) })} /> : null}
      </div>
      {draft.items.length === 0 ? (
        <p className="empty-state">
          {t('draftEmpty')} <Link to="/">{t('draftChangeSeats')}</Link> · <Link to="/plans">{t('draftBrowse')}</Link>
        </p>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate>
          <ul className="request-items">
            {draft.items.map((item) => (
              <li key={requestItemKey(item)}>
                <span>{atRenewal.has(requestItemKey(item)) ? timing(describe(item)) : describe(item)}</span>{' '}
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t('removeItemNamed', { item: describe(item) })}
                  onClick={() => removeItem(requestItemKey(item))}
                >
                  {t('removeItem')}
                </button>
              </li>
            ))}
          </ul>
          {timed.now.length > 0 && timed.renewal.length > 0 ? <p className="field-hint">{t('sentAsTwo')}</p> : null}
          <div className="request-estimate">
            <h3>{t('estimateTitle')}</h3>
            <p>
              {estimate
                ? t('estimateMonthly', { amount: signed(format.money(estimate), estimate.amountMinor) })
                : t('estimateUnknown')}
            </p>
            <p className="field-hint">{t('estimateNote')}</p>
          </div>
          <div className="field">
            <label htmlFor={noteId}>{t('noteLabel')}</label>
            <textarea
              id={noteId}
              aria-describedby={`${noteId}-hint`}
              rows={3}
              maxLength={NOTE_MAX_LENGTH}
              value={draft.note}
              onChange={(event) => setNote(event.target.value)}
            />
            <p id={`${noteId}-hint`} className="field-hint">
              {t('noteHint', { max: format.number(NOTE_MAX_LENGTH) })}
            </p>
          </div>
          <div className="form-actions">
            <ActionButton action="requests.ask" type="submit" disabled={send.isPending}>
              {send.isPending ? t('sending') : t('send')}
            </ActionButton>
            <button type="button" className="button button-secondary" onClick={clear} disabled={send.isPending}>
              {t('discard')}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

/** "+$245.00" for more, the formatter's own minus for less. */
export const signed = (text: string, amountMinor: number) => (amountMinor > 0 ? `+${text}` : text)
