import { useFormat } from '@/lib/i18n/format'
import { localTimeZone } from '../status-labels'
import { statusMessages } from '../status-messages'

/**
 * One moment in UTC (what operators and the provider speak) and in the admin's own zone, so that
 * "back at 14:00 UTC" needs no arithmetic.
 */
export function UtcAndLocalTime({ iso }: { iso: string }) {
  const t = statusMessages.useT()
  const format = useFormat()
  return (
    <time dateTime={iso}>
      {format.dateTimeUtc(iso)} · {format.dateTime(iso)} ({t('yourTime', { zone: localTimeZone() })})
    </time>
  )
}
