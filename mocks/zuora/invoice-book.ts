/**
 * Every invoice of the tenant: the demo history (mocks/demo-data/seed.ts `seedInvoices`: 36 for
 * Acme, 10,000 for Globex), turned into Zuora invoices the first time an account's invoices are
 * read, and the invoices orders made since. Zuora has no "paid" status: a paid invoice is Posted
 * with balance 0, an open or past-due one Posted with its balance, a void one Canceled. What a
 * payment changed (`state.invoiceBalances`) is read over the invoice as it was made.
 */
import type { Invoice } from '../../src/lib/api/schemas'
import { addDays, addMonths } from '../demo-data/dates'
import { seedInvoices } from '../demo-data/seed'
import { findAccount as findSeedAccount } from '../demo-data/seed'
import { seqFromId } from '../demo-data/invoices'
import { zuoraId, type SimState, type ZAccount, type ZInvoice, type ZInvoiceItem } from './state'

type AccountBook = { invoices: ZInvoice[]; byKey: Map<string, ZInvoice>; originals: Map<string, Invoice> }

function lineItems(invoice: Invoice, itemId: (index: number) => string): ZInvoiceItem[] {
  let taxLeft = invoice.tax.amountMinor
  return invoice.lines.map((line, index) => {
    const last = index === invoice.lines.length - 1
    const share =
      invoice.subtotal.amountMinor === 0
        ? 0
        : Math.round((invoice.tax.amountMinor * line.amount.amountMinor) / invoice.subtotal.amountMinor)
    const taxMinor = last ? taxLeft : share
    taxLeft -= taxMinor
    return {
      id: itemId(index),
      chargeName: line.description,
      chargeNumber: null,
      productRatePlanChargeId: null,
      subscriptionNumber: null,
      processingType: 'Charge',
      quantity: line.quantity,
      unitPriceMinor: line.unitPrice.amountMinor,
      amountMinor: line.amount.amountMinor,
      taxMinor,
      serviceStartDate: invoice.issuedAt,
      serviceEndDate: addDays(addMonths(invoice.issuedAt, 1), -1),
    }
  })
}

function fromSeed(invoice: Invoice, account: ZAccount, accountIndex: number, seq: number): ZInvoice {
  const id = zuoraId(`8ad0e0a${accountIndex + 1}`, seq)
  const unpaid = invoice.status === 'open' || invoice.status === 'past_due'
  return {
    id,
    invoiceNumber: invoice.number,
    accountId: account.id,
    invoiceDate: invoice.issuedAt,
    dueDate: invoice.dueAt,
    status: invoice.status === 'void' ? 'Canceled' : 'Posted',
    amountMinor: invoice.total.amountMinor,
    taxMinor: invoice.tax.amountMinor,
    balanceMinor: unpaid ? invoice.total.amountMinor : 0,
    comments: invoice.description,
    // At most a handful of lines an invoice: 16 item numbers per invoice number.
    items: lineItems(invoice, (line) => zuoraId(`8ad0f0a${accountIndex + 1}`, seq * 16 + line)),
    pdfReadyAt: 0,
    createdDate: `${invoice.issuedAt}T09:00:00.000Z`,
  }
}

/** The invoice with what payments left of its balance, when they changed it. */
function withPayments(state: SimState, invoice: ZInvoice): ZInvoice {
  const paid = state.invoiceBalances[invoice.id]
  return paid ? { ...invoice, balanceMinor: paid.balanceMinor, updatedDate: paid.updatedDate } : invoice
}

/** Records a payment applied to an invoice (made by an order or generated): the book reads it back. */
export function applyPayment(state: SimState, invoice: ZInvoice, amountMinor: number, at: string): void {
  state.invoiceBalances[invoice.id] = { balanceMinor: invoice.balanceMinor - amountMinor, updatedDate: at }
}

export type InvoiceBook = ReturnType<typeof createInvoiceBook>

export function createInvoiceBook() {
  /** Per account number, for the day the tenant was seeded on. */
  const books = new Map<string, AccountBook>()

  function bookOf(state: SimState, account: ZAccount): AccountBook {
    const cacheKey = `${account.accountNumber} ${state.seededOn}`
    const cached = books.get(cacheKey)
    if (cached) return cached
    const index = state.accounts.indexOf(account)
    const series = findSeedAccount(account.seedAccountId)?.series
    const originals = new Map<string, Invoice>()
    const invoices = seedInvoices(account.seedAccountId, state.seededOn).map((invoice) => {
      const zuora = fromSeed(invoice, account, index, (series && seqFromId(series, invoice.id)) ?? 0)
      originals.set(zuora.id, invoice)
      return zuora
    })
    const byKey = new Map<string, ZInvoice>()
    for (const invoice of invoices) byKey.set(invoice.id, invoice).set(invoice.invoiceNumber, invoice)
    const book = { invoices, byKey, originals }
    books.set(cacheKey, book)
    return book
  }

  return {
    /** The account's invoices, those made by orders (newest first) before the history. */
    of(state: SimState, account: ZAccount): ZInvoice[] {
      const made = state.orderInvoices.filter((invoice) => invoice.accountId === account.id)
      const all = made.length === 0 ? bookOf(state, account).invoices : [...made, ...bookOf(state, account).invoices]
      return Object.keys(state.invoiceBalances).length === 0 ? all : all.map((invoice) => withPayments(state, invoice))
    },
    /** An invoice by id or number, with its account and, for the history, the demo invoice it came from. */
    find(state: SimState, key: string): { invoice: ZInvoice; account: ZAccount; original: Invoice | null } | null {
      const made = state.orderInvoices.find((invoice) => invoice.id === key || invoice.invoiceNumber === key)
      if (made) {
        const account = state.accounts.find((a) => a.id === made.accountId)
        return account ? { invoice: withPayments(state, made), account, original: null } : null
      }
      for (const account of state.accounts) {
        const book = bookOf(state, account)
        const invoice = book.byKey.get(key)
        if (invoice)
          return { invoice: withPayments(state, invoice), account, original: book.originals.get(invoice.id) ?? null }
      }
      return null
    },
    /** The next invoice number of an account's series: after its history and what orders made. */
    nextNumber(state: SimState, account: ZAccount): string {
      const series = findSeedAccount(account.seedAccountId)
      const prefix = series?.series.prefix ?? 'INV'
      const made = state.orderInvoices.filter((invoice) => invoice.accountId === account.id).length
      return `${prefix}-${String((series?.invoiceCount ?? 0) + made + 1).padStart(6, '0')}`
    },
  }
}
