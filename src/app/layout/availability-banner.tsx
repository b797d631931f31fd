import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { Notice } from '@/components/notice'
import type { Capability } from '@/lib/api/schemas'
import { availabilityMessages, capabilityKey } from '@/lib/availability/availability-messages'
import type { CapabilityHealth } from '@/lib/availability/availability-store'
import { maintenanceMessageIn } from '@/lib/availability/maintenance-message'
import { useAvailability } from '@/lib/resilience/runtime-context'
import { useFormat } from '@/lib/i18n/format'
import { useLocale } from '@/lib/i18n/locale-store'
import { bannerMessages } from './availability-banner-messages'
import { pageNames } from '@/lib/i18n/page-names-messages'

/**
 * The banner that cannot be missed, on every page, for every state but "operational". Entering
 * maintenance is announced assertively; the rest politely. It changes only when the availability
 * state changes, and that state already has hysteresis (the breaker's consecutive failures and
 * probe wait, the "recovering" hold), so a flapping provider does not make it flicker.
 * `keepPlace`: it stands in the page's flow (use-banner-placement.ts), so once billing is fully
 * back it goes on saying so rather than leave a hole that would pull the page up.
 */
export function AvailabilityBanner({ extra, keepPlace = false }: { extra?: ReactNode; keepPlace?: boolean }) {
  const t = bannerMessages.useT()
  const page = pageNames.useT()
  const tc = availabilityMessages.useT()
  const format = useFormat()
  const availability = useAvailability()
  const locale = useLocale()
  const statusLink = <Link to="/status">{page('status')}</Link>

  const recovered = (
    <Notice tone="success" live="polite" title={t('recoveredTitle')} actions={extra}>
      <p>{t('recoveredLead')}</p>
    </Notice>
  )
  switch (availability.status) {
    case 'operational':
      return keepPlace ? recovered : null
    case 'maintenance':
      if (availability.source === 'operators') {
        // Said here only, once: the controls it pauses give a short reason each.
        const message = maintenanceMessageIn(locale, availability)
        return (
          <Notice tone="danger" live="assertive" title={t('maintenanceTitle')} actions={statusLink}>
            {message ? <p>{message}</p> : null}
            <p>
              {t('maintenanceSince', { time: format.dateTime(availability.since) })}{' '}
              {availability.nextUpdateAt ? t('nextUpdate', { time: format.dateTime(availability.nextUpdateAt) }) : null}
            </p>
            <p>{t('stillWorks')}</p>
          </Notice>
        )
      }
      return (
        <Notice tone="danger" live="assertive" title={t('autoMaintenanceTitle')} actions={statusLink}>
          <p>
            {availability.source === 'health-report'
              ? t('autoMaintenanceReportLead')
              : t('autoMaintenanceLead', { time: format.time(availability.since) })}
          </p>
          <p>{t('stillWorks')}</p>
        </Notice>
      )
    case 'degraded': {
      if (availability.source === 'status-unreachable') {
        return (
          <Notice tone="warning" live="polite" title={t('statusUnknownTitle')}>
            <p>{t('statusUnknownLead')}</p>
          </Notice>
        )
      }
      const named = (pick: (health: CapabilityHealth) => boolean) =>
        (Object.entries(availability.capabilities) as [Capability, CapabilityHealth][])
          .filter(([, health]) => pick(health))
          .map(([capability]) => tc(capabilityKey(capability)))
          .join(t('and'))
      const down = named((health) => health.state === 'down')
      if (down) {
        return (
          <Notice tone="warning" live="polite" title={t('degradedTitle')} actions={statusLink}>
            <p>{t('degradedLead', { list: down })}</p>
          </Notice>
        )
      }
      // Slow or unreliable, but answering: a notice naming what, while edits stay possible.
      const unreliable = named((health) => health.state === 'degraded' && health.why !== 'slow')
      const slow = named((health) => health.state === 'degraded' && health.why === 'slow')
      return (
        <Notice tone="warning" live="polite" title={t('slowTitle')} actions={statusLink}>
          {unreliable ? <p>{t('unreliableLead', { list: unreliable })}</p> : null}
          {slow ? <p>{t('slowLead', { list: slow })}</p> : null}
          <p>{t('slowStillWorks')}</p>
        </Notice>
      )
    }
    case 'recovering':
      return recovered
  }
}
