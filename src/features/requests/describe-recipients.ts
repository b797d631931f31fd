import { useQuery } from '@tanstack/react-query'
import { billingDetailsQueries } from '@/billing/api/get-billing-details'
import type { InvoiceRecipientsItem } from '@/lib/api/change-request-schemas'
import type { BillingDetails, InvoiceRecipients } from '@/lib/api/schemas'
import { sameAddress } from '@/lib/api/schemas'
import { requestsMessages } from './requests-messages'

/**
 * The billing details a request for invoice recipients is weighed against, read only when one is
 * on the page (`wanted`): the Requests page does not ask the provider for them otherwise.
 */
export function useDetailsForRecipients(wanted: boolean): BillingDetails | undefined {
  return useQuery({ ...billingDetailsQueries.current(), enabled: wanted }).data
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((address) => b.some((other) => sameAddress(address, other)))

/**
 * A request for invoice recipients in words, from what the account has now to what it asks
 * ("Invoice emails: on → off; other addresses: none → ap@acme.test"); a part that does not change,
 * or when the details are not known (the provider down, nothing saved), as asked.
 */
export function useDescribeRecipients(): (asked: InvoiceRecipientsItem, now: InvoiceRecipients | undefined) => string {
  const t = requestsMessages.useT()
  return (asked, now) => {
    const onOff = (on: boolean) => t(on ? 'recipientsOn' : 'recipientsOff')
    const list = (addresses: readonly string[]) => (addresses.length === 0 ? t('recipientsNone') : addresses.join(', '))
    const emailing =
      now && now.emailInvoices !== asked.emailInvoices
        ? t('recipientsEmailingChange', { from: onOff(now.emailInvoices), to: onOff(asked.emailInvoices) })
        : t('recipientsEmailing', { to: onOff(asked.emailInvoices) })
    const addresses =
      now && !sameList(now.additional, asked.additional)
        ? t('recipientsAddressesChange', { from: list(now.additional), to: list(asked.additional) })
        : t('recipientsAddresses', { to: list(asked.additional) })
    return `${emailing}; ${addresses}`
  }
}
