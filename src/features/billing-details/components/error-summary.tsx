import { Notice } from '@/components/notice'
import { billingDetailsMessages } from '../billing-details-messages'
import { orderedErrors, type ErrorPath, type FieldErrors } from '../form-values'
import { useFieldText } from '../use-field-text'

/** Every refused field in one list at the top of the form, each a way to jump to its field. */
export function ErrorSummary({
  errors,
  onJump,
  sends,
}: {
  errors: FieldErrors
  onJump: (path: ErrorPath) => void
  /** The form sends a request rather than saves: the title says so. */
  sends?: boolean
}) {
  const t = billingDetailsMessages.useT()
  const text = useFieldText()
  const list = orderedErrors(errors)
  if (list.length === 0) return null
  return (
    <Notice
      tone="danger"
      live="assertive"
      title={t(sends ? 'askSummaryTitle' : 'summaryTitle', { count: list.length })}
    >
      <ul className="error-summary-list">
        {list.map(({ path, error }) => (
          <li key={path}>
            <button type="button" className="link-button" onClick={() => onJump(path)}>
              {text.name(path)}: {text.error(error)}
            </button>
          </li>
        ))}
      </ul>
    </Notice>
  )
}
