import type { BillingStatus } from '@/lib/api/schemas'
import { useLocale } from '@/lib/i18n/locale-store'
import { timelineTextIn } from '../component-entry'
import { timelineKindKey } from '../status-labels'
import { statusMessages } from '../status-messages'
import { UtcAndLocalTime } from './utc-and-local-time'

type Entry = BillingStatus['timeline'][number]

/** Newest first, whatever order the server sent. */
export const newestFirst = (timeline: Entry[]) => [...timeline].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))

/** `components`: the same report's, which tell what a component entry is about (component-entry.ts). */
export function StatusTimeline({
  timeline,
  components,
}: {
  timeline: Entry[]
  components: BillingStatus['components']
}) {
  const t = statusMessages.useT()
  const locale = useLocale()
  return (
    <ol className="status-timeline">
      {newestFirst(timeline).map((entry) => (
        <li key={entry.id}>
          <p className="status-timeline-meta">
            <span className="badge">{t(timelineKindKey[entry.kind])}</span> <UtcAndLocalTime iso={entry.at} />
          </p>
          <p>{timelineTextIn(locale, t, entry, components)}</p>
        </li>
      ))}
    </ol>
  )
}
