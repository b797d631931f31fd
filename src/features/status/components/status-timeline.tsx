import type { BillingStatus } from '@/lib/api/schemas'
import { timelineKindKey } from '../status-labels'
import { statusMessages } from '../status-messages'
import { UtcAndLocalTime } from './utc-and-local-time'

type Entry = BillingStatus['timeline'][number]

/** Newest first, whatever order the server sent. */
export const newestFirst = (timeline: Entry[]) => [...timeline].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))

export function StatusTimeline({ timeline }: { timeline: Entry[] }) {
  const t = statusMessages.useT()
  return (
    <ol className="status-timeline">
      {newestFirst(timeline).map((entry) => (
        <li key={entry.id}>
          <p className="status-timeline-meta">
            <span className="badge">{t(timelineKindKey[entry.kind])}</span> <UtcAndLocalTime iso={entry.at} />
          </p>
          <p>{entry.message}</p>
        </li>
      ))}
    </ol>
  )
}
