/**
 * Accounts and contacts: `GET /v1/accounts/{account-key}` (basic info, bill-to and sold-to
 * contacts, billing and payment with the invoice delivery by email and the additional addresses,
 * tax info with the VAT id), `PUT /v1/accounts/{account-key}` (name, bill-to contact fields,
 * `taxInfo.VATId`, `invoiceDeliveryPrefsEmail`, `additionalEmailAddresses`, which replaces the list)
 * and `PUT /v1/contacts/{contactId}`. A body Zuora would not take answers `success: false` with the
 * field named. Countries are kept as sent.
 */
import { updateAccountRequestSchema, updateContactRequestSchema, type ContactUpdate } from '../../gateway/zuora/spec'
import { json, malformedRequest, notFound, readJsonObject, refusedBody } from './responses'
import { findAccount, type SimState, type ZAccount, type ZContact } from './state'

const contactView = ({ accountId: _accountId, ...contact }: ZContact) => ({
  ...contact,
  county: null,
  fax: '',
  homePhone: '',
  mobilePhone: '',
  nickname: '',
  otherPhone: '',
  otherPhoneType: null,
  personalEmail: '',
  taxRegion: null,
})

export function accountView(account: ZAccount, state: SimState) {
  const billTo = state.contacts[account.billToContactId]
  const soldTo = state.contacts[account.soldToContactId]
  return {
    basicInfo: {
      id: account.id,
      accountNumber: account.accountNumber,
      name: account.name,
      status: 'Active',
      batch: 'Batch1',
      crmId: '',
      notes: '',
      invoiceTemplateId: null,
      salesRep: '',
    },
    billToContact: billTo ? contactView(billTo) : null,
    soldToContact: soldTo ? contactView(soldTo) : null,
    billingAndPayment: {
      billCycleDay: account.billCycleDay,
      currency: account.currency,
      defaultPaymentMethodId: account.defaultPaymentMethodId,
      paymentTerm: 'Net 30',
      autoPay: true,
      invoiceDeliveryPrefsEmail: account.invoiceDeliveryPrefsEmail,
      invoiceDeliveryPrefsPrint: false,
      additionalEmailAddresses: [...account.additionalEmailAddresses],
    },
    taxInfo: { VATId: account.vatId, companyCode: null, exemptStatus: 'No' },
    success: true,
  }
}

export function getAccount(accountKey: string, state: SimState): Response {
  const account = findAccount(state, accountKey)
  return account ? json(accountView(account, state)) : notFound(`Account ${accountKey}`)
}

const applyContact = (contact: ZContact, update: ContactUpdate): void => {
  for (const [key, value] of Object.entries(update)) if (value !== undefined) Object.assign(contact, { [key]: value })
}

export async function updateAccount(request: Request, accountKey: string, state: SimState): Promise<Response> {
  const account = findAccount(state, accountKey)
  if (!account) return notFound(`Account ${accountKey}`)
  const body = await readJsonObject(request)
  if (!body) return malformedRequest()
  const parsed = updateAccountRequestSchema.safeParse(body)
  if (!parsed.success) return refusedBody(parsed.error)
  const { name, billToContact, taxInfo, invoiceDeliveryPrefsEmail, additionalEmailAddresses } = parsed.data
  const contact = state.contacts[account.billToContactId]
  if (name !== undefined) account.name = name
  if (billToContact && contact) applyContact(contact, billToContact)
  if (taxInfo?.VATId !== undefined) account.vatId = taxInfo.VATId === '' ? null : taxInfo.VATId
  if (invoiceDeliveryPrefsEmail !== undefined) account.invoiceDeliveryPrefsEmail = invoiceDeliveryPrefsEmail
  if (additionalEmailAddresses !== undefined) account.additionalEmailAddresses = [...additionalEmailAddresses]
  return json({ success: true })
}

export async function updateContact(request: Request, contactId: string, state: SimState): Promise<Response> {
  const contact = state.contacts[contactId]
  if (!contact) return notFound(`Contact ${contactId}`)
  const body = await readJsonObject(request)
  if (!body) return malformedRequest()
  const parsed = updateContactRequestSchema.safeParse(body)
  if (!parsed.success) return refusedBody(parsed.error)
  applyContact(contact, parsed.data)
  const account = state.accounts.find((a) => a.id === contact.accountId)
  return json({
    ...contactView(contact),
    accountId: contact.accountId,
    accountNumber: account?.accountNumber,
    success: true,
  })
}
