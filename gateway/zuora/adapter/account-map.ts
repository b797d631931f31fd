/**
 * The account's bill-to contact, tax id and invoice recipients (GET/PUT /v1/accounts/{account-key})
 * as the contract's billing details. The contract has one `name`, Zuora a first and a last: a name
 * is split at its first space, and a one-word name is sent as both (Zuora requires both) and read
 * back as one. Zuora answers countries by name and takes names or ISO codes: the app speaks ISO
 * codes. Invoice recipients are the account's invoice delivery by email and its additional email
 * addresses; a replace that leaves them out leaves Zuora's as they are.
 */
import { countryCodes, type BillingDetails, type InvoiceRecipients } from '../../../src/lib/api/schemas'
import { GatewayError } from '../../http/errors'
import type { GetAccountResponse, UpdateAccountRequest } from '../spec'

type CountryCode = (typeof countryCodes)[number]

const countryNames: Record<CountryCode, string> = {
  US: 'United States',
  BR: 'Brazil',
  CA: 'Canada',
  GB: 'United Kingdom',
  DE: 'Germany',
  FR: 'France',
  PT: 'Portugal',
  ES: 'Spain',
  MX: 'Mexico',
  AR: 'Argentina',
}

export function countryCode(value: string | null | undefined): CountryCode | null {
  const text = (value ?? '').trim()
  const upper = text.toUpperCase()
  if ((countryCodes as readonly string[]).includes(upper)) return upper as CountryCode
  const byName = (Object.entries(countryNames) as Array<[CountryCode, string]>).find(
    ([, name]) => name.toLowerCase() === text.toLowerCase(),
  )
  if (byName) return byName[0]
  const alpha3: Record<string, CountryCode> = {
    USA: 'US',
    BRA: 'BR',
    CAN: 'CA',
    GBR: 'GB',
    DEU: 'DE',
    FRA: 'FR',
    PRT: 'PT',
    ESP: 'ES',
    MEX: 'MX',
    ARG: 'AR',
  }
  return alpha3[upper] ?? null
}

const orNull = (value: string | null | undefined) => (value && value.trim() !== '' ? value.trim() : null)

/** The additional addresses, whichever form Zuora sent them in (an array, or one comma-separated string). */
function additionalAddresses(value: string[] | string | null | undefined): string[] {
  const list = typeof value === 'string' ? value.split(',') : (value ?? [])
  return list.map((address) => address.trim()).filter((address) => address !== '')
}

function invoiceRecipientsOf(account: GetAccountResponse): InvoiceRecipients {
  const billing = account.billingAndPayment
  return {
    // Zuora's default is false: an account that does not say does not get invoices by email.
    emailInvoices: billing?.invoiceDeliveryPrefsEmail ?? false,
    additional: additionalAddresses(billing?.additionalEmailAddresses),
  }
}

export function toBillingDetails(account: GetAccountResponse): BillingDetails {
  const contact = account.billToContact
  const country = countryCode(contact.country)
  if (!country)
    throw new GatewayError(502, 'provider_data', 'The bill-to contact has a country the app does not bill in.')
  const name = contact.firstName === contact.lastName ? contact.firstName : `${contact.firstName} ${contact.lastName}`
  return {
    contact: { name: name.trim(), email: (contact.workEmail ?? '').trim(), phone: orNull(contact.workPhone) },
    address: {
      line1: (contact.address1 ?? '').trim(),
      line2: orNull(contact.address2),
      city: (contact.city ?? '').trim(),
      region: orNull(contact.state),
      postalCode: (contact.zipCode ?? '').trim(),
      country,
    },
    taxId: orNull(account.taxInfo?.VATId),
    invoiceRecipients: invoiceRecipientsOf(account),
  }
}

export function toAccountUpdate(details: BillingDetails): UpdateAccountRequest {
  const name = details.contact.name.trim()
  const space = name.indexOf(' ')
  const [firstName, lastName] = space < 0 ? [name, name] : [name.slice(0, space), name.slice(space + 1).trim()]
  return {
    billToContact: {
      firstName,
      lastName,
      workEmail: details.contact.email,
      workPhone: details.contact.phone ?? '',
      address1: details.address.line1,
      address2: details.address.line2 ?? '',
      city: details.address.city,
      state: details.address.region ?? '',
      zipCode: details.address.postalCode,
      country: countryNames[details.address.country],
    },
    taxInfo: { VATId: details.taxId ?? '' },
    ...(details.invoiceRecipients
      ? {
          invoiceDeliveryPrefsEmail: details.invoiceRecipients.emailInvoices,
          additionalEmailAddresses: details.invoiceRecipients.additional,
        }
      : {}),
  }
}

/** The account's name and bill-to address as an invoice shows them. */
export function billedToOf(account: GetAccountResponse) {
  const details = toBillingDetails(account)
  const { address } = details
  const lines = [
    address.line1,
    address.line2,
    [address.city, address.region, address.postalCode].filter(Boolean).join(', '),
    countryNames[address.country],
  ].filter((line): line is string => Boolean(line))
  return { name: account.basicInfo.name, address: lines }
}
