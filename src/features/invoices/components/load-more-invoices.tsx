import { useDescribeError } from '@/lib/api/describe-error'
import { isApiError } from '@/lib/api/errors'
import { commonMessages } from '@/lib/i18n/common-messages'
import { invoicesMessages } from '../invoices-messages'

export type Paging = {
  hasMore: boolean
  loadingMore: boolean
  /** Ask for the next page now: more rows are wanted, none is on its way and the last one did not fail. */
  canLoadMore: boolean
  /** Why the last next page failed, if it did. */
  error: unknown
  loadMore: () => void
  /** Load the list again from its first page (a cursor the server no longer accepts). */
  restart: () => void
}

/**
 * Below the table: a button for the next page (scrolling near the end asks for it too), or why it
 * did not load with a way to try again; the rows already loaded stay on screen either way.
 */
export function LoadMoreInvoices({ paging }: { paging: Paging }) {
  const t = invoicesMessages.useT()
  const common = commonMessages.useT()
  const describeError = useDescribeError()
  if (!paging.hasMore) return null

  if (paging.error !== null && !paging.loadingMore) {
    // A cursor the server refuses will be refused again: only a fresh first page helps.
    const stale = isApiError(paging.error) && paging.error.code === 'invalid_cursor'
    return (
      <div className="invoice-load-more section-error" role="status">
        <p>
          {t('moreFailed')} {stale ? t('cursorRefused') : describeError(paging.error)}
        </p>
        <button type="button" className="button button-secondary" onClick={stale ? paging.restart : paging.loadMore}>
          {stale ? t('restartList') : common('retry')}
        </button>
      </div>
    )
  }
  return (
    <div className="invoice-load-more">
      <button
        type="button"
        className="button button-secondary"
        // Stays focusable while loading (a disabled button drops keyboard focus); a second press waits.
        aria-disabled={paging.loadingMore || undefined}
        onClick={() => {
          if (!paging.loadingMore) paging.loadMore()
        }}
      >
        {paging.loadingMore ? t('loadingMore') : t('loadMore')}
      </button>
    </div>
  )
}
