import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useAlerts } from './api/get-alerts'
import { useBillingStatus } from './api/get-billing-status'
import { AlertsTable } from './components/alerts-table'
import { ComponentsTable } from './components/components-table'
import { MaintenanceControls } from './components/maintenance-controls'
import { StatusOverview } from './components/status-overview'
import { StatusTimeline } from './components/status-timeline'
import { statusMessages } from './status-messages'
import './status.css'
import { pageNames } from '@/lib/i18n/page-names-messages'

/** Reads only the vendor's own endpoints, so it keeps working when the provider does not. */
export function StatusPage() {
  const t = statusMessages.useT()
  const page = pageNames.useT()
  const status = useBillingStatus()
  // The alerts are the operators' tool: shown to whoever may run the maintenance switch.
  const operatorTools = useActionAvailability('status.setMaintenance').blockedBy !== 'role'
  const alerts = useAlerts({ enabled: operatorTools })

  return (
    <Page title={page('status')} description={t('lead')}>
      <QuerySection section="status.overview" className="status-current" title={t('overviewSection')} query={status}>
        {(data) => <StatusOverview status={data} />}
      </QuerySection>
      <QuerySection
        section="status.overview"
        className="status-maintenance"
        title={t('controlsSection')}
        query={status}
      >
        {(data) => <MaintenanceControls maintenance={data.maintenance} />}
      </QuerySection>
      <QuerySection
        section="status.overview"
        className="status-components"
        title={t('componentsSection')}
        query={status}
        isEmpty={(data) => data.components.length === 0}
        empty={t('noComponents')}
      >
        {(data) => <ComponentsTable components={data.components} />}
      </QuerySection>
      <QuerySection
        section="status.overview"
        className="status-timeline-section"
        title={t('timelineSection')}
        query={status}
        isEmpty={(data) => data.timeline.length === 0}
        empty={t('noTimeline')}
      >
        {(data) => <StatusTimeline timeline={data.timeline} components={data.components} />}
      </QuerySection>
      {operatorTools ? (
        <QuerySection
          section="status.alerts"
          title={t('alertsSection')}
          query={alerts}
          isEmpty={(data) => data.alerts.length === 0}
          empty={t('noAlerts')}
        >
          {(data) => <AlertsTable alerts={data.alerts} />}
        </QuerySection>
      ) : null}
    </Page>
  )
}
