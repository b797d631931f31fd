import { useEffect, useId, useState } from 'react'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import type { Subscription } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { useSetRenewal } from '../api/set-renewal'
import { renewalMessages } from '../renewal-messages'
import { RenewalAsk } from './renewal-ask'
import { RenewalConfirm } from './renewal-confirm'

/**
 * Renewal at the end of the term: a billing admin turns it off or back on; an admin without
 * billing rights (`asks`: useAsksForChanges) asks a billing admin to (renewal-ask.tsx). Paused in an outage of the
 * subscription and in maintenance, and for an operator (ActionButton).
 */
export default function RenewalControl({ subscription, asks }: { subscription: Subscription; asks: boolean }) {
  if (subscription.status === 'canceled') return null
  // `autoRenew` absent: the retired contract backend, which cannot change renewal, nor approve it.
  if (asks && subscription.autoRenew !== undefined) return <RenewalAsk subscription={subscription} />
  return <RenewalSetting subscription={subscription} />
}

/**
 * "Turn off renewal" asks first, saying what stops and when; with renewal off, the end date and
 * "Turn renewal back on" while the term lasts.
 */
function RenewalSetting({ subscription }: { subscription: Subscription }) {
  const t = renewalMessages.useT()
  const format = useFormat()
  const describeError = useDescribeError()
  const change = useSetRenewal(subscription.accountId)
  const toggleId = useId()
  const panelId = useId()
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
            <RenewalConfirm
              id={panelId}
              date={date}
              title={t('renewalConfirmTitle')}
              keep={t('renewalConfirmKeep')}
              action="subscription.renewal"
              pending={change.isPending}
              confirmLabel={t('renewalConfirm', { date })}
              pendingLabel={t('renewalTurningOff')}
              onConfirm={() => send(false)}
              onCancel={close}
            />
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
