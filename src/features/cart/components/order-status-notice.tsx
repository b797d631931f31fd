import type { UseQueryResult } from '@tanstack/react-query'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import type { OrderLookup } from '../api/get-order-by-key'
import { cartMessages } from '../cart-messages'
import type { OrderFailure, PendingOrder } from '@/billing/cart-store'

const failureText = {
  forbidden: 'failureForbidden',
  quote_expired: 'failureQuoteExpired',
  conflict: 'failureConflict',
  validation: 'failureValidation',
  order_failed: 'failureOrderFailed',
  not_placed: 'failureNotPlaced',
  not_sent: 'failureNotSent',
  rate_limited: 'failureRateLimited',
} as const satisfies Record<OrderFailure, string>

/**
 * Where the order stands: on its way, being confirmed (outcome unknown, or billing still processing
 * it), or not placed and why.
 */
export function OrderStatusNotice({ pending, check }: { pending: PendingOrder; check: UseQueryResult<OrderLookup> }) {
  const t = cartMessages.useT()
  const describeError = useDescribeError()
  const lookup = check.data
  const processing = lookup?.order?.status === 'pending' && lookup.askedAt >= Date.parse(pending.submittedAt)

  switch (pending.status) {
    case 'submitting':
      return <Notice tone="info" live="polite" title={t('orderSubmitting')} />
    case 'unknown':
      return (
        <Notice
          tone="warning"
          live="polite"
          title={t('orderUnknownTitle')}
          actions={
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void check.refetch()}
              disabled={check.isFetching}
            >
              {check.isFetching ? t('checking') : t('checkAgain')}
            </button>
          }
        >
          <p>{processing ? t('orderProcessingBody') : t('orderUnknownBody')}</p>
          {check.isError && !check.isFetching ? (
            <p>{t('checkFailed', { reason: describeError(check.error) })}</p>
          ) : null}
        </Notice>
      )
    case 'failed':
      return (
        <Notice
          tone={pending.error === 'not_placed' ? 'info' : 'danger'}
          live="assertive"
          title={t('orderFailedTitle')}
        >
          <p>{t(failureText[pending.error ?? 'order_failed'])}</p>
        </Notice>
      )
  }
}
