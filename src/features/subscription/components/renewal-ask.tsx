import { useEffect, useId, useState } from 'react'
import { Link } from 'react-router-dom'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import type { Subscription } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { useAskForRenewal } from '../api/ask-for-renewal'
import { renewalMessages } from '../renewal-messages'
import { RenewalConfirm } from './renewal-confirm'

/**
 * Renewal for an admin without billing rights: "Ask to turn renewal off" (after the same
 * confirmation a billing admin gets, saying what stops and when) or, with renewal off, "Ask to
 * turn renewal on". Once asked, the control says so, with the way to the Requests page, where the
 * request is followed, and where it shows on a later visit (reading the list here too would add
 * a chunk to the first page, whose JavaScript has no room left for it).
 *
 * The request goes on its own, at once, not into the draft of seat, plan and add-on changes: the
 * confirmation is the admin's decision already, so a second "Send request" on another page would
 * only be a step to forget; and renewal is not a purchase: it has no price to estimate, and a
 * billing admin decides it apart (approving it sets renewal at the provider, with no cart), just
 * as their own renewal control stands apart from the cart.
 */
export function RenewalAsk({ subscription }: { subscription: Subscription }) {
  const t = renewalMessages.useT()
  const format = useFormat()
  const describeError = useDescribeError()
  const ask = useAskForRenewal(subscription)
  const toggleId = useId()
  const panelId = useId()
  const askedId = useId()
  const [open, setOpen] = useState(false)
  const renews = subscription.autoRenew !== false
  const date = format.date(subscription.renewsAt)
  // Sent from here, and renewal not yet as it asks (once approved, the subscription says so).
  const pending = ask.data?.items.some((item) => item.type === 'renewal' && item.autoRenew !== renews) ?? false

  // The button that was pressed is gone (the notice took its place): focus goes to its link.
  useEffect(() => {
    if (ask.isSuccess) document.getElementById(askedId)?.focus()
  }, [ask.isSuccess, askedId])

  const close = () => {
    setOpen(false)
    document.getElementById(toggleId)?.focus()
  }
  const send = (autoRenew: boolean) => {
    if (ask.isPending) return
    ask.mutate(autoRenew, { onSuccess: () => setOpen(false) })
  }
  const asked = pending ? (
    <Notice
      tone="info"
      live="polite"
      title={t(renews ? 'askedOff' : 'askedOn')}
      actions={
        <Link id={askedId} className="button button-secondary" to="/requests">
          {t('seeRequests')}
        </Link>
      }
    />
  ) : null

  return (
    <div className="renewal">
      {ask.isError ? (
        <Notice tone="danger" live="assertive" title={t('askFailed', { reason: describeError(ask.error) })} />
      ) : null}
      {renews ? (
        (asked ?? (
          <>
            <ActionButton
              action="requests.ask"
              reasonBeside
              id={toggleId}
              variant="secondary"
              aria-expanded={open}
              aria-controls={open ? panelId : undefined}
              onClick={() => (open ? close() : setOpen(true))}
            >
              {t('askRenewalOff')}
            </ActionButton>
            {open ? (
              <RenewalConfirm
                id={panelId}
                date={date}
                title={t('askConfirmTitle')}
                keep={t('askConfirmKeep')}
                action="requests.ask"
                pending={ask.isPending}
                confirmLabel={t('askConfirm', { date })}
                pendingLabel={t('asking')}
                onConfirm={() => send(false)}
                onCancel={close}
              />
            ) : null}
          </>
        ))
      ) : (
        <>
          <Notice
            tone="warning"
            title={t('renewalEnds', { date })}
            actions={
              asked ? null : (
                <ActionButton
                  action="requests.ask"
                  reasonBeside
                  variant="secondary"
                  aria-busy={ask.isPending || undefined}
                  onClick={() => send(true)}
                >
                  {ask.isPending ? t('asking') : t('askRenewalOn')}
                </ActionButton>
              )
            }
          />
          {asked}
        </>
      )}
    </div>
  )
}
