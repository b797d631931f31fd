/**
 * The invoice list as pages, as a paging billing API serves it (Zuora pages its lists): filters
 * applied by the server, a bounded page size, and an opaque cursor bound to the filters it was
 * made for. The cursor is base64url of `position:filters` and a checksum, so that a changed,
 * foreign or mismatched one is refused with 400 rather than answered with the wrong rows.
 */
import { z } from 'zod/mini'
import {
  invoiceHaystack,
  invoiceMatcher,
  invoicePageLimits,
  invoiceSearchParams,
  type InvoiceSearch,
} from '../../src/lib/api/invoice-search'
import { invoiceStatusSchema, type InvoicePage, type InvoiceSummary } from '../../src/lib/api/schemas'
import { GatewayError } from '../http/errors'

const invalidQuery = (fields: Record<string, string>) =>
  new GatewayError(400, 'invalid_query', `Some query parameters are not valid: ${Object.keys(fields).join(', ')}.`, {
    fields,
  })

const invalidCursor = () =>
  new GatewayError(
    400,
    'invalid_cursor',
    'This page cursor is not valid for these filters. Start again from the first page.',
  )

export type PageRequest = { search: InvoiceSearch; limit: number; cursor: string | null }

const isoDate = z.iso.date()

/** The query string of `GET /invoices`, or 400 `invalid_query` naming what is wrong. */
export function parsePageRequest(params: URLSearchParams): PageRequest {
  const fields: Record<string, string> = {}
  const limitText = params.get('limit')
  const limit = limitText === null || limitText === '' ? invoicePageLimits.default : Number(limitText)
  if (!Number.isInteger(limit) || limit < 1 || limit > invoicePageLimits.max)
    fields.limit = `A whole number from 1 to ${invoicePageLimits.max}.`
  const search = readSearch(params, fields)
  if (Object.keys(fields).length > 0) throw invalidQuery(fields)
  return { search, limit, cursor: params.get('cursor') || null }
}

/** The filters alone (the CSV export's query string), or 400 `invalid_query`. */
export function parseInvoiceSearch(params: URLSearchParams): InvoiceSearch {
  const fields: Record<string, string> = {}
  const search = readSearch(params, fields)
  if (Object.keys(fields).length > 0) throw invalidQuery(fields)
  return search
}

/** `status`, `from`, `to` and `q`; what is wrong goes into `fields`. */
function readSearch(params: URLSearchParams, fields: Record<string, string>): InvoiceSearch {
  const search: InvoiceSearch = {}
  const status = params.get('status')
  if (status) {
    const parsed = invoiceStatusSchema.safeParse(status)
    if (parsed.success) search.status = parsed.data
    else fields.status = `One of ${invoiceStatusSchema.options.join(', ')}.`
  }
  for (const name of ['from', 'to'] as const) {
    const value = params.get(name)
    if (!value) continue
    if (isoDate.safeParse(value).success) search[name] = value
    else fields[name] = 'A date as YYYY-MM-DD.'
  }
  const q = params.get('q')?.trim()
  if (q) search.q = q
  return search
}

/** The filters in one canonical string: a cursor is valid only for exactly these. */
const filterKey = (search: InvoiceSearch) => new URLSearchParams(invoiceSearchParams(search)).toString()

/** FNV-1a: enough to notice an edited cursor (the real API would sign it). */
function checksum(text: string): string {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193)
  return (hash >>> 0).toString(36)
}

const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

function fromBase64Url(cursor: string): string | null {
  if (!/^[\w-]+$/.test(cursor)) return null
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))
  } catch {
    return null
  }
}

export function encodeCursor(position: number, search: InvoiceSearch): string {
  const payload = `${position}:${filterKey(search)}`
  return toBase64Url(`${payload}|${checksum(payload)}`)
}

/** The position a cursor points at, or 400 `invalid_cursor` when it was changed or made for other filters. */
export function decodeCursor(cursor: string, search: InvoiceSearch, matching: number): number {
  const text = fromBase64Url(cursor)
  const split = text?.lastIndexOf('|') ?? -1
  if (text === null || split < 0) throw invalidCursor()
  const payload = text.slice(0, split)
  if (checksum(payload) !== text.slice(split + 1)) throw invalidCursor()
  const colon = payload.indexOf(':')
  const position = Number(payload.slice(0, colon))
  if (payload.slice(colon + 1) !== filterKey(search)) throw invalidCursor()
  // A cursor never points past the end: the last page answers nextCursor null instead.
  if (!Number.isInteger(position) || position < 1 || position > matching) throw invalidCursor()
  return position
}

/** The seed history's summaries are generated once per backend: their search text is kept with them. */
const haystacks = new WeakMap<InvoiceSummary, string>()
function haystackOf(invoice: InvoiceSummary): string {
  let haystack = haystacks.get(invoice)
  if (haystack === undefined) haystacks.set(invoice, (haystack = invoiceHaystack(invoice)))
  return haystack
}

/**
 * The page the request asks for, from the account's whole history (newest first). The position
 * is an offset into the filtered list: an invoice added meanwhile (an order) shifts it by one,
 * which the app absorbs by keeping each id once.
 */
export function invoicePage(all: readonly InvoiceSummary[], request: PageRequest): InvoicePage {
  const matches = invoiceMatcher(request.search)
  const matching = request.search.q
    ? all.filter((invoice) => matches(invoice, haystackOf(invoice)))
    : all.filter((invoice) => matches(invoice))
  const start = request.cursor === null ? 0 : decodeCursor(request.cursor, request.search, matching.length)
  const end = start + request.limit
  return {
    invoices: matching.slice(start, end),
    nextCursor: end < matching.length ? encodeCursor(end, request.search) : null,
    total: matching.length,
  }
}
