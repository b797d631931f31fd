import { useId, type ReactNode } from 'react'
import type { UseQueryResult } from '@tanstack/react-query'
import { useDescribeError } from '@/lib/api/describe-error'
import { useAvailability } from '@/lib/resilience/runtime-context'
import { sectionPolicies, type SectionName } from '@/lib/availability/degradation-map'
import { commonMessages } from '@/lib/i18n/common-messages'
import { useFormat } from '@/lib/i18n/format'

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
}

/**
 * A page section fed by one query, with every state in its contract: loading, offline, error with
 * a retry (the rest of the page keeps working), empty, and data, which stays on screen with its
 * "as of" time when a later refresh fails (data is checked before error).
 */
export function QuerySection<T>({ section, title, query, children, isEmpty, empty, headerActions }: Props<T>) {
  const t = commonMessages.useT()
  const describeError = useDescribeError()
  const format = useFormat()
  const headingId = useId()
  const availability = useAvailability()
  const capability = sectionPolicies[section].capability
  // While the capability's breaker is open a retry would be refused at once: the app retries itself.
  const capabilityDown = capability !== null && availability.capabilities[capability].state === 'down'
  const retry = capabilityDown ? null : (
    <button type="button" className="button button-secondary" onClick={() => void query.refetch()} disabled={query.isFetching}>
      {query.isFetching ? t('retrying') : t('retry')}
    </button>
  )

  let body: ReactNode
  let staleNote: ReactNode = null
  if (query.data !== undefined) {
    body = isEmpty?.(query.data) ? <p className="empty-state">{empty ?? t('empty')}</p> : children(query.data)
    if (query.isRefetchError || capabilityDown) {
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
  } else if (query.isError) {
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
    <section className="card" aria-labelledby={headingId} data-section={section}>
      <div className="card-header">
        <h2 id={headingId}>{title}</h2>
        {headerActions}
      </div>
      {staleNote}
      {body}
    </section>
  )
}
