import { useCallback, useEffect, useMemo, useState } from 'react'
import { useLocation, useSearchParams } from 'react-router-dom'
import {
  emptyFilters,
  parseInvoiceFilters,
  serializeInvoiceFilters,
  type IgnoredParam,
  type InvoiceFilters,
} from './invoice-filters'

/** Typing is not a navigation: the link catches up once the admin pauses. */
const urlWriteDelayMs = 300

/** Marks the history entries this hook writes, so that it can tell them from outside navigation. */
type FilterState = { invoiceFiltersOrigin: string }

const originOf = (state: unknown): string | undefined =>
  typeof state === 'object' &&
  state !== null &&
  typeof (state as Partial<FilterState>).invoiceFiltersOrigin === 'string'
    ? (state as FilterState).invoiceFiltersOrigin
    : undefined

/**
 * The filters of the invoice list, kept in the link (`?q=&status=&from=&to=`) so that it can be
 * shared. The controls edit a draft that applies at once; the link follows a moment later. A
 * navigation from elsewhere (a shared link, the menu, back and forward) replaces the draft.
 */
export function useInvoiceFilters() {
  const [searchParams, setSearchParams] = useSearchParams()
  const location = useLocation()
  const fromUrl = useMemo(() => parseInvoiceFilters(searchParams), [searchParams])

  // Our own writes carry the origin forward; any other navigation starts a new one.
  const origin = originOf(location.state) ?? location.key
  const [draft, setDraft] = useState({ origin, filters: fromUrl.filters })
  if (draft.origin !== origin) setDraft({ origin, filters: fromUrl.filters })
  const filters = draft.origin === origin ? draft.filters : fromUrl.filters

  const writeUrl = useCallback(
    (next: InvoiceFilters) => {
      const state: FilterState = { invoiceFiltersOrigin: origin }
      setSearchParams(new URLSearchParams(serializeInvoiceFilters(next)), { replace: true, state })
    },
    [origin, setSearchParams],
  )

  const search = serializeInvoiceFilters(filters)
  const urlSearch = serializeInvoiceFilters(fromUrl.filters)
  useEffect(() => {
    if (search === urlSearch) return
    const timer = setTimeout(() => writeUrl(filters), urlWriteDelayMs)
    return () => clearTimeout(timer)
  }, [search, urlSearch, filters, writeUrl])

  const update = useCallback((patch: Partial<InvoiceFilters>) => {
    setDraft((current) => ({ origin: current.origin, filters: { ...current.filters, ...patch } }))
  }, [])

  const clear = useCallback(() => {
    setDraft((current) => ({ origin: current.origin, filters: emptyFilters }))
    writeUrl(emptyFilters)
  }, [writeUrl])

  return {
    filters,
    /** Parameters of the link that were dropped; cleared once the admin changes a filter. */
    ignored: fromUrl.ignored as readonly IgnoredParam[],
    update,
    clear,
  }
}
