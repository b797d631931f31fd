import { Notice } from '@/components/notice'
import type { BillingStatus } from '@/lib/api/schemas'
import { maintenanceMessageIn } from '@/lib/availability/maintenance-message'
import { useAvailability } from '@/lib/resilience/runtime-context'
import { useFormat } from '@/lib/i18n/format'
import { useLocale } from '@/lib/i18n/locale-store'
import { componentNameIn } from '../component-entry'
import { reasonKey } from '../status-labels'
import { statusMessages } from '../status-messages'
import { UtcAndLocalTime } from './utc-and-local-time'

/** The state of billing in one sentence, then what it means for the admin. */
export function StatusOverview({ status }: { status: BillingStatus }) {
  const t = statusMessages.useT()
  const format = useFormat()
  const locale = useLocale()
  const { maintenance } = status
  const message = maintenanceMessageIn(locale, maintenance)
  // What this browser has seen itself: its breaker may have found the provider failing before
  // (or without) the server side reporting anything. The page must not say "all is well" then.
  const availability = useAvailability()
  const automatic = !maintenance.enabled && availability.status === 'maintenance' && availability.source !== 'operators'
  const checked = <p className="empty-state">{t('checkedAt', { time: format.dateTime(status.checkedAt) })}</p>

  if (automatic) {
    return (
      <>
        <Notice tone="warning" title={t('automaticMaintenance')}>
          {/* The same cause as the banner gives at the same moment (availability-banner.tsx). */}
          <p>
            {availability.source === 'health-report'
              ? t('automaticMaintenanceReportDetail')
              : t('automaticMaintenanceDetail')}
          </p>
        </Notice>
        <WhatWorks />
        {checked}
      </>
    )
  }

  if (!maintenance.enabled) {
    const sick = status.components.filter((component) => component.status !== 'operational')
    return (
      <>
        {sick.length === 0 ? (
          <Notice tone="success" title={t('operational')}>
            <p>{t('operationalDetail')}</p>
          </Notice>
        ) : (
          <Notice tone="warning" title={t('degraded')}>
            <p>{t('degradedDetail', { names: sick.map((component) => componentNameIn(t, component)).join(', ') })}</p>
          </Notice>
        )}
        {checked}
      </>
    )
  }

  return (
    <>
      <Notice tone="warning" title={message ? t('maintenance', { message }) : t('maintenanceNoMessage')}>
        <dl className="details">
          {maintenance.reason ? (
            <>
              <dt>{t('reason')}</dt>
              <dd>{t(reasonKey[maintenance.reason])}</dd>
            </>
          ) : null}
          {maintenance.since ? (
            <>
              <dt>{t('since')}</dt>
              <dd>
                <UtcAndLocalTime iso={maintenance.since} />
              </dd>
            </>
          ) : null}
          <dt>{t('nextUpdate')}</dt>
          <dd>{maintenance.nextUpdateAt ? <UtcAndLocalTime iso={maintenance.nextUpdateAt} /> : t('noNextUpdate')}</dd>
        </dl>
      </Notice>
      <WhatWorks />
      {checked}
    </>
  )
}

/** During maintenance, operators' or automatic: what the admin can still do, and what waits. */
function WhatWorks() {
  const t = statusMessages.useT()
  return (
    <>
      <div className="grid">
        <div>
          <h3>{t('stillWorks')}</h3>
          <ul>
            <li>{t('worksViewing')}</li>
            <li>{t('worksCart')}</li>
            <li>{t('worksStatus')}</li>
          </ul>
        </div>
        <div>
          <h3>{t('paused')}</h3>
          <ul>
            <li>{t('pausedChanges')}</li>
            <li>{t('pausedCheckout')}</li>
            <li>{t('pausedPayment')}</li>
            <li>{t('pausedBillingDetails')}</li>
          </ul>
        </div>
      </div>
    </>
  )
}
