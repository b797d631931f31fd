import { useEffect, useId, useState } from 'react'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import type { Subscription } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { useSetRenewal } from '../api/set-renewal'
import { renewalMessages } from '../renewal-messages'

/**
 * Renewal at the end of the term: "Turn off renewal" asks first, saying what stops and when; with
 * renewal off, the end date and "Turn renewal back on" while the term lasts. Paused in an outage
 * of the subscription, in maintenance and for an admin without billing rights (ActionButton).
 */
export default function RenewalControl({ subscription }: { subscription: Subscription }) {
  const t = renewalMessages.useT()
  const format = useFormat()
  const describeError = useDescribeError()
  const change = useSetRenewal(subscription.accountId)
  const toggleId = useId()
  const panelId = useId()
  const headingId = useId()
  const [open, setOpen] = useState(false)
  const [changed, setChanged] = useState(false)
  const renews = subscription.autoRenew !== false
  const date = format.date(subscription.renewsAt)

  // The button that was pressed is gone (the other one took its place): focus goes to that one.
  useEffect(() => {
    if (changed) document.getElementById(toggleId)?.focus()
  }, [changed, renews, toggleId])

  const close = () => {
    setOpen(false)
    document.getElementById(toggleId)?.focus()
  }
  const send = (autoRenew: boolean) => {
    if (change.isPending) return
    setChanged(false)
    change.mutate(
      { autoRenew },
      {
        onSuccess: () => {
          setOpen(false)
          setChanged(true)
        },
      },
    )
  }
  if (subscription.status === 'canceled') return null

  return (
    <div className="renewal">
      {change.isError ? (
        <Notice tone="danger" live="assertive" title={t('renewalFailed', { reason: describeError(change.error) })} />
      ) : null}
      {renews ? (
        <>
          {changed ? <Notice tone="success" live="polite" title={t('renewalRenews', { date })} /> : null}
          <ActionButton
            action="subscription.renewal"
            reasonBeside
            id={toggleId}
            variant="secondary"
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            onClick={() => (open ? close() : setOpen(true))}
          >
            {t('renewalOff')}
          </ActionButton>
          {open ? (
            <section id={panelId} className="card renewal-confirm" aria-labelledby={headingId}>
              <h2 id={headingId}>{t('renewalConfirmTitle')}</h2>
              <p>{t('renewalConfirmLead', { date })}</p>
              <p className="field-hint">{t('renewalConfirmKeep')}</p>
              <div className="form-actions">
                {/* Stays enabled while sending (a disabled button drops keyboard focus); a second press is ignored. */}
                <ActionButton
                  action="subscription.renewal"
                  variant="danger"
                  aria-busy={change.isPending || undefined}
                  onClick={() => send(false)}
                >
                  {change.isPending ? t('renewalTurningOff') : t('renewalConfirm', { date })}
                </ActionButton>
                <button type="button" className="button button-secondary" onClick={close}>
                  {t('cancel')}
                </button>
              </div>
            </section>
          ) : null}
        </>
      ) : (
        <Notice
          tone="warning"
          live={changed ? 'polite' : undefined}
          title={t('renewalEnds', { date })}
          actions={
            <ActionButton
              action="subscription.renewal"
              reasonBeside
              id={toggleId}
              variant="secondary"
              aria-busy={change.isPending || undefined}
              onClick={() => send(true)}
            >
              {change.isPending ? t('renewalTurningOn') : t('renewalOn')}
            </ActionButton>
          }
        />
      )}
    </div>
  )
}
