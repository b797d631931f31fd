import { useId, type ButtonHTMLAttributes, type ReactNode } from 'react'
import { reportBlockedAttempt } from '@/lib/availability/report-blocked-action'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useResilience } from '@/lib/resilience/runtime-context'
import type { ActionName } from '@/lib/availability/degradation-map'

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> & {
  action: ActionName
  children: ReactNode
  variant?: 'primary' | 'secondary' | 'danger'
  /** Busy or invalid for a reason of the caller's own (a pending request, an empty form). */
  disabled?: boolean
  /** Hide the visible reason (when the page already says it next to a group of controls). */
  hideReason?: boolean
  /**
   * The reason beside the button instead of under it, for a button alone on its line: a pause that
   * comes while the admin reads then adds no line, so nothing below moves (wraps under it on a phone).
   */
  reasonBeside?: boolean
}

/**
 * A button for an action of the degradation map. When the action is not allowed it stays
 * focusable (aria-disabled) so that keyboard and screen-reader users meet it and hear why.
 */
export function ActionButton({
  action,
  children,
  variant = 'primary',
  disabled,
  hideReason,
  reasonBeside,
  onClick,
  className,
  ...rest
}: Props) {
  const availability = useActionAvailability(action)
  const runtime = useResilience()
  const reasonId = useId()
  const blocked = !availability.allowed
  return (
    <span className={reasonBeside ? 'action action-beside' : 'action'}>
      <button
        type="button"
        {...rest}
        className={`button button-${variant}${className ? ` ${className}` : ''}`}
        aria-disabled={blocked || undefined}
        aria-describedby={blocked ? reasonId : rest['aria-describedby']}
        disabled={!blocked && disabled}
        onClick={(event) => {
          if (blocked) {
            event.preventDefault()
            if (availability.blockedBy !== 'role')
              reportBlockedAttempt(action, runtime.availability.get(), runtime.availability.inputs())
            return
          }
          onClick?.(event)
        }}
      >
        {children}
      </button>
      {blocked ? (
        <span id={reasonId} className={hideReason ? 'visually-hidden' : 'action-reason'}>
          {availability.reason}
        </span>
      ) : null}
    </span>
  )
}
