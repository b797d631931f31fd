import { useId, useState, type FormEvent } from 'react'
import { ActionButton } from '@/components/action-button'
import { SelectField, TextField } from '@/components/field'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import { isApiError } from '@/lib/api/errors'
import type { Locale, Maintenance, MaintenanceInput } from '@/lib/api/schemas'
import { commonMessages } from '@/lib/i18n/common-messages'
import {
  fieldOfIssue,
  messageLanguages,
  noMessages,
  reasons,
  toLocalInput,
  toMaintenanceInput,
  type MaintenanceFieldErrors,
  type MaintenanceFormValues,
} from '../maintenance-input'
import { localTimeZone, reasonKey } from '../status-labels'
import { statusMessages } from '../status-messages'

export type MaintenanceChange = 'on' | 'off' | 'update'

type Props = {
  maintenance: Maintenance
  pending: boolean
  error: unknown
  onSubmit: (input: MaintenanceInput, change: MaintenanceChange, onSuccess: () => void) => void
}

const messageLabelKey = { en: 'messageEn', 'pt-BR': 'messagePtBR' } as const

/**
 * Operators switch maintenance on (message, reason, when they will say more), post updates while
 * it is on, and switch it off with a closing message. Every change is on the timeline. The
 * message has a field per language the app speaks: admins read theirs, or the one written.
 */
export function MaintenanceForm({ maintenance, pending, error, onSubmit }: Props) {
  const t = statusMessages.useT()
  const common = commonMessages.useT()
  const describeError = useDescribeError()
  const on = maintenance.enabled
  const [values, setValues] = useState<MaintenanceFormValues>(() => ({
    messages: noMessages(),
    reason: maintenance.reason ?? 'provider_outage',
    nextUpdate: toLocalInput(maintenance.nextUpdateAt),
  }))
  const [errors, setErrors] = useState<MaintenanceFieldErrors>({})
  const zone = localTimeZone()
  const messagesHintId = useId()

  const serverFields = Object.keys((isApiError(error) ? error.fields : undefined) ?? {}).map(fieldOfIssue)
  const messageError = (locale: Locale) =>
    errors.messages?.[locale] || serverFields.includes(locale) ? t('errorMessage') : undefined
  const nextUpdateError = errors.nextUpdate || serverFields.includes('nextUpdate') ? t('errorNextUpdate') : undefined
  const otherError = error && !serverFields.some((field) => field !== null) ? describeError(error) : null

  const send = (enabled: boolean, form: HTMLFormElement | null) => {
    if (pending) return
    const result = toMaintenanceInput(enabled, values, Date.now())
    if (!result.ok) {
      setErrors(result.errors)
      const language = messageLanguages.find((locale) => result.errors.messages?.[locale])
      const field = form?.elements.namedItem(language ? `message-${language}` : 'nextUpdate')
      if (field instanceof HTMLElement) field.focus()
      return
    }
    setErrors({})
    const change: MaintenanceChange = !enabled ? 'off' : on ? 'update' : 'on'
    onSubmit(result.input, change, () => setValues((current) => ({ ...current, messages: noMessages() })))
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    send(true, event.currentTarget)
  }

  const set = (name: 'reason' | 'nextUpdate') => (value: string) => {
    setValues((current) => ({ ...current, [name]: value }))
    setErrors((current) => ({ ...current, [name]: undefined }))
  }
  // Writing in any language answers "write a message": the error leaves every language's field.
  const setMessage = (locale: Locale) => (value: string) => {
    setValues((current) => ({ ...current, messages: { ...current.messages, [locale]: value } }))
    setErrors((current) => ({ ...current, messages: undefined }))
  }

  return (
    <form className="form maintenance-form" onSubmit={submit} noValidate aria-busy={pending || undefined}>
      <fieldset className="form-fieldset maintenance-messages" aria-describedby={messagesHintId}>
        <legend>{t('message')}</legend>
        <p id={messagesHintId} className="field-hint">
          {on ? t('messageHintOff') : t('messageHintOn')} {t('messageLanguagesHint')}
        </p>
        {messageLanguages.map((locale) => (
          <TextField
            key={locale}
            label={t(messageLabelKey[locale])}
            name={`message-${locale}`}
            lang={locale}
            value={values.messages[locale]}
            maxLength={500}
            onChange={(event) => setMessage(locale)(event.target.value)}
            error={messageError(locale)}
          />
        ))}
      </fieldset>
      <div className="form-row">
        <SelectField
          label={t('reasonLabel')}
          name="reason"
          value={values.reason}
          onChange={(event) => set('reason')(event.target.value)}
        >
          {reasons.map((reason) => (
            <option key={reason} value={reason}>
              {t(reasonKey[reason])}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('nextUpdateLabel')}
          name="nextUpdate"
          type="datetime-local"
          value={values.nextUpdate}
          onChange={(event) => set('nextUpdate')(event.target.value)}
          error={nextUpdateError}
          hint={t('nextUpdateHint', { zone })}
        />
      </div>
      {otherError ? (
        <Notice tone="danger" live="assertive" title={t('switchFailed')}>
          {otherError}
        </Notice>
      ) : null}
      <div className="form-actions">
        <ActionButton
          action="status.setMaintenance"
          type="submit"
          variant={on ? 'secondary' : 'danger'}
          disabled={pending}
        >
          {pending ? common('saving') : on ? t('postUpdate') : t('switchOn')}
        </ActionButton>
        {on ? (
          <ActionButton
            action="status.setMaintenance"
            disabled={pending}
            onClick={(event) => send(false, event.currentTarget.form)}
          >
            {t('switchOff')}
          </ActionButton>
        ) : null}
      </div>
    </form>
  )
}
