import { TableScroll } from '@/components/table-scroll'
import type { Alert } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { alertKindKey, capabilityKey } from '../status-labels'
import { statusMessages } from '../status-messages'

/** Alerts raised by clients (breaker opened or closed, blocked actions), deduplicated per incident. */
export function AlertsTable({ alerts }: { alerts: Alert[] }) {
  const t = statusMessages.useT()
  const format = useFormat()
  return (
    <TableScroll label={t('alertsTable')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('alertKind')}</th>
            <th scope="col">{t('alertCapability')}</th>
            <th scope="col">{t('alertIncident')}</th>
            <th scope="col" className="number">
              {t('alertCount')}
            </th>
            <th scope="col">{t('alertReceived')}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id}>
              <th scope="row">
                {t(alertKindKey[alert.kind])}
                {alert.detail ? <span className="status-alert-detail">{alert.detail}</span> : null}
              </th>
              <td>{alert.capability ? t(capabilityKey[alert.capability]) : t('alertCapabilityNone')}</td>
              <td>
                <code>{alert.incidentId}</code>
              </td>
              <td className="number">{format.number(alert.count)}</td>
              <td>
                <time dateTime={alert.receivedAt}>
                  {format.dateTime(alert.receivedAt)} ({format.dateTimeUtc(alert.receivedAt)})
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
