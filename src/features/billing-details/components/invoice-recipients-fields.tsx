import { useId } from 'react'
import { TextField } from '@/components/field'
import { MAX_INVOICE_RECIPIENTS } from '@/lib/api/schemas'
import { billingDetailsMessages } from '../billing-details-messages'
import {
  addRecipientName,
  emailInvoicesName,
  recipientPath,
  recipientsPath,
  type FieldErrors,
  type RecipientValues,
} from '../form-values'
import { useFieldText } from '../use-field-text'

export type RecipientEdits = {
  setEmailInvoices: (on: boolean) => void
  change: (index: number, address: string) => void
  add: () => void
  remove: (index: number) => void
}

type Props = { recipients: RecipientValues; errors: FieldErrors; edits: RecipientEdits }

/**
 * Who receives invoices by email: the on/off choice and up to five more addresses, each a field of
 * its own with its own error and a button that removes it. Native controls only, so a keyboard
 * reaches and works all of them; the editor moves focus when an address comes or goes.
 */
export function InvoiceRecipientsFields({ recipients, errors, edits }: Props) {
  const t = billingDetailsMessages.useT()
  const text = useFieldText()
  const checkboxId = useId()
  const offHintId = useId()
  const listHintId = useId()
  const listErrorId = useId()
  const listError = errors[recipientsPath]
  const full = recipients.additional.length >= MAX_INVOICE_RECIPIENTS
  const showOffHint = !recipients.emailInvoices && recipients.additional.length > 0

  return (
    <fieldset className="form-fieldset">
      <legend>{t('recipients')}</legend>
      <div className="inline-field">
        <input
          id={checkboxId}
          type="checkbox"
          name={emailInvoicesName}
          checked={recipients.emailInvoices}
          onChange={(event) => edits.setEmailInvoices(event.target.checked)}
          aria-describedby={showOffHint ? offHintId : undefined}
        />
        <label htmlFor={checkboxId}>{t('emailInvoicesLabel')}</label>
      </div>
      {showOffHint ? (
        <p id={offHintId} className="field-hint">
          {t('emailInvoicesOffHint')}
        </p>
      ) : null}
      {/* Focusable (-1) so that the error summary can take the admin to the list as a whole. */}
      <fieldset
        name={recipientsPath}
        tabIndex={-1}
        className="recipient-list"
        aria-describedby={[listHintId, listError ? listErrorId : null].filter(Boolean).join(' ')}
      >
        <legend>{t('additionalLegend')}</legend>
        <p id={listHintId} className="field-hint">
          {t(full ? 'additionalFull' : 'additionalHint', { max: MAX_INVOICE_RECIPIENTS })}
        </p>
        {listError ? (
          <p id={listErrorId} className="field-error">
            {text.error(listError)}
          </p>
        ) : null}
        {recipients.additional.length > 0 ? (
          <ol className="recipient-rows">
            {recipients.additional.map((address, index) => {
              const path = recipientPath(index)
              const error = errors[path]
              return (
                // Rows are their place in the list: the values and errors move with it when one is removed.
                <li key={index} className="recipient-row">
                  <TextField
                    label={text.name(path)}
                    name={path}
                    type="email"
                    autoComplete="off"
                    value={address}
                    onChange={(event) => edits.change(index, event.target.value)}
                    error={error ? text.error(error) : undefined}
                  />
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={t('removeRecipientNamed', { number: index + 1 })}
                    onClick={() => edits.remove(index)}
                  >
                    {t('removeRecipient')}
                  </button>
                </li>
              )
            })}
          </ol>
        ) : null}
        {full ? null : (
          <div>
            <button type="button" name={addRecipientName} className="button button-secondary" onClick={edits.add}>
              {t('addRecipient')}
            </button>
          </div>
        )}
      </fieldset>
    </fieldset>
  )
}
