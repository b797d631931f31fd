import type { BillingDetails } from '@/lib/api/schemas'
import { billingDetailsMessages } from '../billing-details-messages'
import { useCountries } from '../use-field-text'

/** The saved billing details, read-only. */
export function BillingDetailsView({ details }: { details: BillingDetails }) {
  const t = billingDetailsMessages.useT()
  const { nameOf } = useCountries()
  const { contact, address, invoiceRecipients: recipients } = details
  const orNone = (value: string | null) => value ?? <span className="empty-state">{t('notProvided')}</span>
  const cityLine = [address.city, address.region, address.postalCode].filter(Boolean).join(', ')

  return (
    <div className="grid">
      <div>
        <h3>{t('contact')}</h3>
        <dl className="details">
          <dt>{t('name')}</dt>
          <dd>{contact.name}</dd>
          <dt>{t('email')}</dt>
          <dd>{contact.email}</dd>
          <dt>{t('phone')}</dt>
          <dd>{orNone(contact.phone)}</dd>
        </dl>
      </div>
      <div>
        <h3>{t('address')}</h3>
        <address className="billing-address">
          <span>{address.line1}</span>
          {address.line2 ? <span>{address.line2}</span> : null}
          <span>{cityLine}</span>
          <span>{nameOf(address.country)}</span>
        </address>
      </div>
      <div>
        <h3>{t('tax')}</h3>
        <dl className="details">
          <dt>{t('taxId')}</dt>
          <dd>{orNone(details.taxId)}</dd>
        </dl>
      </div>
      {recipients ? (
        <div>
          <h3>{t('recipients')}</h3>
          <dl className="details">
            <dt>{t('emailInvoices')}</dt>
            <dd>{t(recipients.emailInvoices ? 'emailInvoicesOn' : 'emailInvoicesOff')}</dd>
            <dt>{t('additional')}</dt>
            <dd>
              {recipients.additional.length === 0 ? (
                <span className="empty-state">{t('additionalNone')}</span>
              ) : (
                <ul className="recipient-addresses">
                  {/* By place: the provider may hold the same address twice. */}
                  {recipients.additional.map((address, index) => (
                    <li key={index}>{address}</li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
        </div>
      ) : null}
    </div>
  )
}
