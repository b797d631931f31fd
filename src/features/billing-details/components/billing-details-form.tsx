import { useEffect, useRef, type FormEvent, type ReactNode } from 'react'
import { ActionButton } from '@/components/action-button'
import { SelectField, TextField } from '@/components/field'
import { commonMessages } from '@/lib/i18n/common-messages'
import { billingDetailsMessages } from '../billing-details-messages'
import type { ErrorPath, FieldErrors, FieldPath, FocusTarget, FormValues } from '../form-values'
import { useCountries, useFieldText } from '../use-field-text'
import { ErrorSummary } from './error-summary'
import { InvoiceRecipientsFields, type RecipientEdits } from './invoice-recipients-fields'

export type FocusRequest = { path: FocusTarget; seq: number }

type Props = {
  values: FormValues
  errors: FieldErrors
  saving: boolean
  /** Focus moves here after a render (the first field on opening, the first error on submit). */
  focus: FocusRequest | null
  onChange: (path: FieldPath, value: string) => void
  /** Edits of who receives invoices (shown when `values.recipients` is not null). */
  recipientEdits: RecipientEdits
  onSubmit: () => void
  onCancel: () => void
  onJump: (path: ErrorPath) => void
  /** Messages above the fields: a restored draft, a failed save. */
  notices?: ReactNode
}

const autoComplete: Record<FieldPath, string> = {
  'contact.name': 'name',
  'contact.email': 'email',
  'contact.phone': 'tel',
  'address.line1': 'address-line1',
  'address.line2': 'address-line2',
  'address.city': 'address-level2',
  'address.region': 'address-level1',
  'address.postalCode': 'postal-code',
  'address.country': 'country',
  taxId: 'off',
}

export function BillingDetailsForm({
  values,
  errors,
  saving,
  focus,
  onChange,
  recipientEdits,
  onSubmit,
  onCancel,
  onJump,
  notices,
}: Props) {
  const t = billingDetailsMessages.useT()
  const common = commonMessages.useT()
  const text = useFieldText()
  const { options } = useCountries()
  const formRef = useRef<HTMLFormElement>(null)

  useEffect(() => {
    if (!focus) return
    const field = formRef.current?.elements.namedItem(focus.path)
    if (field instanceof HTMLElement) field.focus()
  }, [focus])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit()
  }

  const field = (path: FieldPath, extra: { type?: string; hint?: string } = {}) => (
    <TextField
      label={text.label(path)}
      name={path}
      type={extra.type ?? 'text'}
      autoComplete={autoComplete[path]}
      value={values[path]}
      onChange={(event) => onChange(path, event.target.value)}
      error={errors[path] ? text.error(errors[path]) : undefined}
      hint={extra.hint}
    />
  )

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={saving || undefined}>
      {notices}
      <ErrorSummary errors={errors} onJump={onJump} />
      <fieldset className="form-fieldset">
        <legend>{t('contact')}</legend>
        <div className="form-row">
          {field('contact.name')}
          {field('contact.email', { type: 'email' })}
          {field('contact.phone', { type: 'tel' })}
        </div>
      </fieldset>
      <fieldset className="form-fieldset">
        <legend>{t('address')}</legend>
        <div className="form-row">
          {field('address.line1')}
          {field('address.line2')}
        </div>
        <div className="form-row">
          {field('address.city')}
          {field('address.region')}
          {field('address.postalCode')}
          <SelectField
            label={text.label('address.country')}
            name="address.country"
            autoComplete={autoComplete['address.country']}
            value={values['address.country']}
            onChange={(event) => onChange('address.country', event.target.value)}
            error={errors['address.country'] ? text.error(errors['address.country']) : undefined}
          >
            {options.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <fieldset className="form-fieldset">
        <legend>{t('tax')}</legend>
        {field('taxId', { hint: t('taxIdHint') })}
      </fieldset>
      {values.recipients ? (
        <InvoiceRecipientsFields recipients={values.recipients} errors={errors} edits={recipientEdits} />
      ) : null}
      <div className="form-actions">
        <ActionButton action="billingDetails.update" type="submit" disabled={saving}>
          {saving ? common('saving') : t('save')}
        </ActionButton>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('cancelEdit')}
        </button>
      </div>
    </form>
  )
}
