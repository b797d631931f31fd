import { useEffect, useId, useRef, useState } from 'react'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import type { Subscription } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { useScheduleChange, useWithdrawScheduledChange } from './api/scheduled-change'
import { scheduledChangeMessages } from './scheduled-change-messages'
import './scheduled-change.css'

type ConfirmProps = {
  subscription: Subscription
  seats: number | null
  plan: { id: string; name: string } | null
  onDone: () => void
  onCancel: () => void
}

/** The confirmation of a new schedule, or (with the subscription alone) what is scheduled. */
export type ScheduledChangeProps = ConfirmProps | { subscription: Subscription }

export default function ScheduledChange(props: ScheduledChangeProps) {
  return 'onDone' in props ? (
    <ScheduleConfirm {...props} />
  ) : (
    <ScheduledChangeNotice subscription={props.subscription} />
  )
}

/**
 * Fewer seats or a smaller plan from the next renewal: a confirmation that says what changes and
 * from when; nothing is charged. A full replace of the next term: the plan or the seats not given
 * stay as they are scheduled now (a smaller plan keeps seats scheduled before, and the other way).
 */
function ScheduleConfirm({ subscription, seats, plan, onDone, onCancel }: ConfirmProps) {
  const t = scheduledChangeMessages.useT()
  const format = useFormat()
  const describeError = useDescribeError()
  const schedule = useScheduleChange(subscription.accountId)
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const date = format.date(subscription.renewsAt)
  const scheduled = subscription.scheduledChange ?? null
  const nextSeats = seats ?? scheduled?.seats ?? null
  const nextPlan = plan ?? scheduled?.plan ?? null

  useEffect(() => headingRef.current?.focus(), [])

  const send = () => {
    if (schedule.isPending) return
    schedule.mutate({ seats: nextSeats, planId: nextPlan?.id ?? null }, { onSuccess: onDone })
  }

  return (
    <section className="card scheduled-change-confirm" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('scheduleTitle')}
      </h2>
      {schedule.isError ? (
        <Notice tone="danger" live="assertive" title={t('scheduleFailed', { reason: describeError(schedule.error) })} />
      ) : null}
      {nextPlan ? <p>{t('schedulePlanLead', { date, plan: nextPlan.name, current: subscription.plan.name })}</p> : null}
      {nextSeats !== null ? (
        <p>
          {t('scheduleSeatsLead', {
            date,
            seats: nextSeats,
            purchased: format.number(subscription.seats.purchased),
          })}
        </p>
      ) : null}
      <p className="field-hint">{t('scheduleKeep')}</p>
      <div className="form-actions">
        {/* Stays enabled while sending (a disabled button drops keyboard focus); a second press is ignored. */}
        <ActionButton action="subscription.scheduleChange" aria-busy={schedule.isPending || undefined} onClick={send}>
          {schedule.isPending ? t('scheduling') : t('scheduleConfirm', { date })}
        </ActionButton>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  )
}

/**
 * What the next term starts with when it differs from today, from when, and "Withdraw" (asked
 * first); once withdrawn, says so.
 */
function ScheduledChangeNotice({ subscription }: { subscription: Subscription }) {
  const t = scheduledChangeMessages.useT()
  const format = useFormat()
  const describeError = useDescribeError()
  const withdraw = useWithdrawScheduledChange(subscription.accountId)
  const toggleId = useId()
  const panelId = useId()
  const headingId = useId()
  const [open, setOpen] = useState(false)
  const [withdrawn, setWithdrawn] = useState(false)
  const scheduled = subscription.scheduledChange ?? null

  if (!scheduled) return withdrawn ? <Notice tone="success" live="polite" title={t('withdrawn')} /> : null

  const date = format.date(scheduled.effectiveOn)
  const title =
    scheduled.plan && scheduled.seats !== null
      ? t('scheduledBoth', { date, plan: scheduled.plan.name, seats: scheduled.seats })
      : scheduled.plan
        ? t('scheduledPlan', { date, plan: scheduled.plan.name })
        : t('scheduledSeats', { date, seats: scheduled.seats ?? 0 })
  const close = () => {
    setOpen(false)
    document.getElementById(toggleId)?.focus()
  }
  const send = () => {
    if (withdraw.isPending) return
    withdraw.mutate(undefined, { onSuccess: () => setWithdrawn(true) })
  }

  return (
    <div className="scheduled-change">
      <Notice
        tone="info"
        live="polite"
        title={title}
        actions={
          <ActionButton
            action="subscription.scheduleChange"
            reasonBeside
            id={toggleId}
            variant="secondary"
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            onClick={() => (open ? close() : setOpen(true))}
          >
            {t('withdraw')}
          </ActionButton>
        }
      />
      {open ? (
        <section id={panelId} className="card scheduled-change-confirm" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('withdrawTitle')}</h2>
          {withdraw.isError ? (
            <Notice
              tone="danger"
              live="assertive"
              title={t('withdrawFailed', { reason: describeError(withdraw.error) })}
            />
          ) : null}
          <p>{t('withdrawLead', { date: format.date(subscription.renewsAt) })}</p>
          <div className="form-actions">
            <ActionButton
              action="subscription.scheduleChange"
              variant="danger"
              aria-busy={withdraw.isPending || undefined}
              onClick={send}
            >
              {withdraw.isPending ? t('withdrawing') : t('withdrawConfirm')}
            </ActionButton>
            <button type="button" className="button button-secondary" onClick={close}>
              {t('cancel')}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  )
}
