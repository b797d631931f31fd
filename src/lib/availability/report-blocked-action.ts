import { editCapability, type Availability, type AvailabilityInputs } from './availability-store'
import { actionPolicies, type ActionName } from './degradation-map'

/**
 * Tells the operators that an admin tried something the outage blocked (the intake counts these
 * per incident: how many people an outage is stopping is what operators need to know). At most
 * once a minute per action from this browser: alert-reporter.ts throttles and delivers it.
 */
export function reportBlockedAttempt(action: ActionName, availability: Availability, inputs: AvailabilityInputs): void {
  const capability = actionPolicies[action].capability
  const { breakers } = inputs
  const reportedDown = capability !== null && availability.capabilities[capability].source === 'health-report'
  const incidentId =
    availability.source === 'operators'
      ? `maintenance-${availability.generation ?? 0}`
      : reportedDown
        ? `health-report-${capability}-${availability.generation ?? 0}`
        : (breakers[capability ?? editCapability].incidentId ?? breakers[editCapability].incidentId)
  // The reporter (its outbox and throttle) loads with the first report, not with the first page.
  if (incidentId)
    void import('./alert-reporter').then((reporter) => reporter.reportBlockedAction(action, capability, incidentId))
}
