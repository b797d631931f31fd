/**
 * Object Query on invoices, with its limits: `filter[]=field.OP:value` AND-ed (EQ, NE, LT, GT, LE,
 * GE; SW, a prefix, is the only text search; IN takes `[a,b]`), `sort[]=field.ASC|DESC`,
 * `pageSize` 1..99 (400 otherwise), an opaque `cursor` → `{ data, nextPage }` and no total.
 * Null fields are left out unless `includeNullFields=true`; `expand[]=invoiceitems` adds the items.
 */
import type { InvoiceBook } from './invoice-book'
import { decimal, json, queryError } from './responses'
import type { SimState, ZInvoice } from './state'

type Row = Record<string, unknown>

const filterable: Record<string, (invoice: ZInvoice) => string | number | boolean> = {
  id: (i) => i.id,
  accountid: (i) => i.accountId,
  amount: (i) => decimal(i.amountMinor),
  balance: (i) => decimal(i.balanceMinor),
  duedate: (i) => i.dueDate,
  invoicedate: (i) => i.invoiceDate,
  invoicenumber: (i) => i.invoiceNumber,
  status: (i) => i.status,
  updateddate: (i) => i.updatedDate ?? i.createdDate,
  reversed: () => false,
}

export function invoiceRow(invoice: ZInvoice, expandItems: boolean): Row {
  const row: Row = {
    id: invoice.id,
    invoiceNumber: invoice.invoiceNumber,
    accountId: invoice.accountId,
    invoiceDate: invoice.invoiceDate,
    targetDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    status: invoice.status,
    currency: 'USD',
    amount: decimal(invoice.amountMinor),
    amountWithoutTax: decimal(invoice.amountMinor - invoice.taxMinor),
    taxAmount: decimal(invoice.taxMinor),
    balance: decimal(invoice.balanceMinor),
    paymentAmount: invoice.status === 'Posted' ? decimal(invoice.amountMinor - invoice.balanceMinor) : 0,
    adjustmentAmount: 0,
    creditMemoAmount: 0,
    refundAmount: 0,
    comments: invoice.comments,
    paymentTerm: 'Net 30',
    source: 'BillRun',
    sourceType: 'Subscription',
    reversed: false,
    autoPay: true,
    includesRecurring: true,
    includesOneTime: false,
    includesUsage: false,
    postedDate: invoice.status === 'Posted' ? invoice.createdDate : null,
    createdDate: invoice.createdDate,
    updatedDate: invoice.updatedDate ?? invoice.createdDate,
  }
  if (expandItems) {
    row.invoiceItems = invoice.items.map((item) => ({
      id: item.id,
      invoiceId: invoice.id,
      chargeName: item.chargeName,
      chargeAmount: decimal(item.amountMinor),
      taxAmount: decimal(item.taxMinor),
      quantity: item.quantity,
      unitPrice: decimal(item.unitPriceMinor),
      uOM: '',
      serviceStartDate: item.serviceStartDate,
      serviceEndDate: item.serviceEndDate,
      chargeNumber: item.chargeNumber,
      subscriptionNumber: item.subscriptionNumber,
      processingType: item.processingType,
    }))
  }
  return row
}

/** What Object Query sends: nulls dropped (unless asked for), only `fields[]` when given. */
function shape(row: Row, params: URLSearchParams): Row {
  const includeNulls = params.get('includeNullFields') === 'true'
  const fields = params
    .getAll('fields[]')
    .flatMap((f) => f.split(','))
    .map((f) => f.trim().toLowerCase())
  const keep = (key: string, value: unknown) =>
    (includeNulls || value !== null) &&
    (fields.length === 0 || fields.includes(key.toLowerCase()) || key === 'invoiceItems')
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map((inner) => (typeof inner === 'object' && inner !== null ? shapeNulls(inner as Row) : inner))
      : value
  const shapeNulls = (inner: Row): Row =>
    Object.fromEntries(Object.entries(inner).filter(([, value]) => includeNulls || value !== null))
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key, value]) => keep(key, value))
      .map(([k, v]) => [k, strip(v)]),
  )
}

type Filter = (invoice: ZInvoice) => boolean

function parseFilter(text: string): Filter | string {
  const match = /^([A-Za-z_][\w.]*)\.(EQ|NE|LT|GT|LE|GE|SW|IN):(.*)$/i.exec(text)
  if (!match) return `Invalid filter ${text}: expected field.OPERATOR:value.`
  const [, rawField = '', rawOp = '', value = ''] = match
  const read = filterable[rawField.toLowerCase()]
  if (!read) return `Field ${rawField} is not filterable.`
  const op = rawOp.toUpperCase()
  const wanted = value.toLowerCase()
  if (op === 'SW') {
    return (invoice) => {
      const field = read(invoice)
      return typeof field === 'string' && field.toLowerCase().startsWith(wanted)
    }
  }
  if (op === 'IN') {
    const options = wanted
      .replace(/^\[|\]$/g, '')
      .split(',')
      .map((v) => v.trim())
    return (invoice) => options.includes(String(read(invoice)).toLowerCase())
  }
  return (invoice) => {
    const field = read(invoice)
    // Numbers compare as numbers; dates (yyyy-mm-dd), ids and words as case-insensitive text.
    const [x, y] = typeof field === 'number' ? [field, Number(value)] : [String(field).toLowerCase(), wanted]
    switch (op) {
      case 'EQ':
        return x === y
      case 'NE':
        return x !== y
      case 'LT':
        return x < y
      case 'GT':
        return x > y
      case 'LE':
        return x <= y
      default:
        return x >= y
    }
  }
}

/**
 * The accounts whose invoices a query can match: the one its `accountId.EQ` filter names, else every
 * account. Zuora answers an account's query from its index; reading every account's book instead
 * generated Globex's 10,000 invoices (0.7 s) for each first query about Acme's 36, which the
 * gateway's invoices probe makes in every page that runs it, each designers' gallery frame too.
 */
function accountsQueried(state: SimState, filters: readonly string[]): SimState['accounts'] {
  for (const text of filters) {
    const id = /^accountId\.EQ:(.+)$/i.exec(text)?.[1]?.toLowerCase()
    if (id !== undefined) return state.accounts.filter((account) => account.id.toLowerCase() === id)
  }
  return state.accounts
}

type Sort = { read: (invoice: ZInvoice) => string | number | boolean; descending: boolean }

function parseSort(text: string): Sort | string {
  const match = /^([A-Za-z_][\w.]*)\.(ASC|DESC)$/i.exec(text)
  const read = match?.[1] === undefined ? undefined : filterable[match[1].toLowerCase()]
  if (!match || !read) return `Invalid sort ${text}.`
  return { read, descending: match[2]?.toUpperCase() === 'DESC' }
}

const encodeCursor = (offset: number) => btoa(String(offset))

function decodeCursor(cursor: string): number | null {
  try {
    const offset = Number(atob(cursor))
    return Number.isInteger(offset) && offset >= 0 ? offset : null
  } catch {
    return null
  }
}

export function queryInvoices(request: Request, state: SimState, book: InvoiceBook): Response {
  const params = new URL(request.url).searchParams
  const pageSize = Number(params.get('pageSize') ?? 10)
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 99)
    return queryError(400, 'InvalidPageSize', 'pageSize must be between 1 and 99.')
  const filters: Filter[] = []
  for (const text of params.getAll('filter[]')) {
    const filter = parseFilter(text)
    if (typeof filter === 'string') return queryError(400, 'InvalidFilter', filter)
    filters.push(filter)
  }
  const sorts: Sort[] = []
  for (const text of params.getAll('sort[]')) {
    const sort = parseSort(text)
    if (typeof sort === 'string') return queryError(400, 'InvalidSort', sort)
    sorts.push(sort)
  }
  // The id breaks ties, so that a cursor lands on the same row whatever the sort.
  sorts.push({ read: (invoice) => invoice.id, descending: false })
  const cursor = params.get('cursor')
  const offset = cursor === null ? 0 : decodeCursor(cursor)
  if (offset === null) return queryError(400, 'InvalidCursor', 'The cursor is not valid.')

  const matches = accountsQueried(state, params.getAll('filter[]'))
    .flatMap((account) => book.of(state, account))
    .filter((invoice) => filters.every((filter) => filter(invoice)))
  matches.sort((a, b) => {
    for (const { read, descending } of sorts) {
      const x = read(a)
      const y = read(b)
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1)
    }
    return 0
  })
  const expand = params.getAll('expand[]').some((value) => value.toLowerCase() === 'invoiceitems')
  const page = matches.slice(offset, offset + pageSize).map((invoice) => shape(invoiceRow(invoice, expand), params))
  const more = offset + pageSize < matches.length
  return json(more ? { data: page, nextPage: encodeCursor(offset + pageSize) } : { data: page })
}

export function queryInvoiceByKey(request: Request, key: string, state: SimState, book: InvoiceBook): Response {
  const found = book.find(state, key)
  if (!found) return queryError(404, 'ObjectNotFound', `Invoice ${key} does not exist.`)
  const params = new URL(request.url).searchParams
  const expand = params.getAll('expand[]').some((value) => value.toLowerCase() === 'invoiceitems')
  return json(shape(invoiceRow(found.invoice, expand), params))
}
