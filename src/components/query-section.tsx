import { useEffect, useId, type ReactNode } from 'react'
import type { UseQueryResult } from '@tanstack/react-query'
import { useDescribeError } from '@/lib/api/describe-error'
import { isApiError } from '@/lib/api/errors'
import { useAvailability } from '@/lib/resilience/runtime-context'
import { sectionPolicies, type SectionName } from '@/lib/availability/degradation-map'
import { commonMessages } from '@/lib/i18n/common-messages'
import { useFormat } from '@/lib/i18n/format'
import { SectionBoundary } from './section-boundary'

type Props<T> = {
  /** Its entry in the degradation map: what the section depends on. */
  section: SectionName
  title: string
  query: UseQueryResult<T>
  children: (data: T) => ReactNode
  isEmpty?: (data: T) => boolean
  empty?: ReactNode
  /** Extra content in the header row (filters, actions). */
  headerActions?: ReactNode
  /** A class for the card, e.g. to size its loading placeholder like its content (no layout shift). */
  className?: string
}

/**
 * A page section fed by one query, with every state in its contract: loading, offline, error with
 * a retry (the rest of the page keeps working), empty, and data, which stays on screen with its
 * "as of" time when a later refresh fails (data is checked before error). Data that fails to
 * render is contained here too (SectionBoundary): new data, or the retry, renders it again.
 */
export function QuerySection<T>({
  section,
  title,
  query,
  children,
  isEmpty,
  empty,
  headerActions,
  className,
}: Props<T>) {
  const t = commonMessages.useT()
  const describeError = useDescribeError()
  const format = useFormat()
  const headingId = useId()
  const availability = useAvailability()
  const capability = sectionPolicies[section].capability
  // While the capability's breaker is open a retry would be refused at once: the app retries itself.
  const capabilityDown = capability !== null && availability.capabilities[capability].state === 'down'
  const retry = capabilityDown ? null : (
    <button
      type="button"
      className="button button-secondary"
      onClick={() => void query.refetch()}
      disabled={query.isFetching}
    >
      {query.isFetching ? t('retrying') : t('retry')}
    </button>
  )

  // A cancelled call (the admin moved on while it ran) is not an error: load again, quietly.
  const interrupted = isApiError(query.error) && query.error.kind === 'aborted'
  const { refetch, isFetching } = query
  useEffect(() => {
    if (interrupted && !isFetching) void refetch()
  }, [interrupted, isFetching, refetch])

  let body: ReactNode
  let staleNote: ReactNode = null
  if (query.data !== undefined) {
    body = (
      <SectionBoundary title={title} onRetry={() => void refetch()} resetKey={query.dataUpdatedAt}>
        <SectionData data={query.data} isEmpty={isEmpty} empty={empty ?? t('empty')}>
          {children}
        </SectionData>
      </SectionBoundary>
    )
    if ((query.isRefetchError && !interrupted) || capabilityDown) {
      staleNote = (
        <div className="as-of" role="status">
          <p>
            {t('asOf', { time: format.dateTime(query.dataUpdatedAt), ago: format.ago(query.dataUpdatedAt) })}{' '}
            {capabilityDown ? t('errorCircuitOpen') : describeError(query.error)}
          </p>
          {retry}
        </div>
      )
    }
  } else if (query.isError && !interrupted) {
    body = (
      <div className="section-error" role="status">
        <p className="section-error-title">{t('sectionUnavailable', { title })}</p>
        <p>{describeError(query.error)}</p>
        {retry}
      </div>
    )
  } else if (query.fetchStatus === 'paused') {
    body = (
      <p className="empty-state" role="status">
        {t('offline')}
      </p>
    )
  } else {
    body = (
      <div className="skeleton" role="status" aria-live="polite">
        <span className="visually-hidden">{t('loading')}</span>
        <span className="skeleton-line" aria-hidden="true" />
        <span className="skeleton-line short" aria-hidden="true" />
      </div>
    )
  }

  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={headingId} data-section={section}>
      <div className="card-header">
        <h2 id={headingId}>{title}</h2>
        {headerActions}
      </div>
      {staleNote}
      {body}
    </section>
  )
}

type SectionDataProps<T> = Pick<Props<T>, 'children' | 'isEmpty'> & { data: T; empty: ReactNode }

/** The data's own render, as a component of its own so that the boundary around it catches what it throws. */
function SectionData<T>({ data, isEmpty, empty, children }: SectionDataProps<T>) {
  return isEmpty?.(data) ? <p className="empty-state">{empty}</p> : children(data)
}
