import { useId } from 'react'
import { ActionButton } from '@/components/action-button'
import type { ActionName } from '@/lib/availability/degradation-map'
import { renewalMessages } from '../renewal-messages'

/**
 * "Turn off renewal?" before it is done or asked for: the same words about what stops and when for
 * a billing admin, who turns it off, and for an admin without billing rights, who asks for it.
 */
export function RenewalConfirm({
  id,
  date,
  title,
  keep,
  action,
  pending,
  confirmLabel,
  pendingLabel,
  onConfirm,
  onCancel,
}: {
  id: string
  /** The renewal date, formatted: the day the subscription ends. */
  date: string
  title: string
  keep: string
  action: ActionName
  pending: boolean
  confirmLabel: string
  pendingLabel: string
  onConfirm: () => void
  onCancel: () => void
}) {
  const t = renewalMessages.useT()
  const headingId = useId()
  return (
    <section id={id} className="card renewal-confirm" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p>{t('renewalConfirmLead', { date })}</p>
      <p className="field-hint">{keep}</p>
      <div className="form-actions">
        {/* Stays enabled while sending (a disabled button drops keyboard focus); a second press is ignored. */}
        <ActionButton action={action} variant="danger" aria-busy={pending || undefined} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </ActionButton>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  )
}
