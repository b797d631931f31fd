import { useCurrentUser } from '@/lib/session/session-queries'
import { capabilityKey, availabilityMessages } from './availability-messages'
import { useAvailability } from '@/lib/resilience/runtime-context'
import { editCapability } from './availability-store'
import { actionPolicies, type ActionName } from './degradation-map'

export type ActionAvailability =
  | { allowed: true; reason: null; blockedBy: null }
  | { allowed: false; reason: string; blockedBy: 'role' | 'maintenance' | 'capability' }

/**
 * May the admin do this now, and if not, why (in their language, in a few words: the operators'
 * message is the banner's to say, once, not every control's). Controls ask this and nothing
 * else: the role, then maintenance (operators' flag or automatic) for writes, then the health of
 * the capability the action calls, as the degradation map declares.
 */
export function useActionAvailability(action: ActionName): ActionAvailability {
  const { user } = useCurrentUser()
  const availability = useAvailability()
  const t = availabilityMessages.useT()
  const policy = actionPolicies[action]
  if (policy.role !== null && user.role !== policy.role) {
    return {
      allowed: false,
      blockedBy: 'role',
      reason: policy.role === 'operator' ? t('blockedByRoleOperator') : t('blockedByRole'),
    }
  }
  // The operators' flag pauses every provider-backed write; automatic maintenance (the health report
  // or the breaker) only those of the capability that failed (payment and billing details have their own).
  const paused =
    availability.status === 'maintenance' &&
    (availability.source === 'operators' || policy.capability === editCapability)
  if (policy.kind === 'write' && policy.capability !== null && paused) {
    return {
      allowed: false,
      blockedBy: 'maintenance',
      reason:
        availability.source === 'operators'
          ? t('blockedByOperators')
          : availability.source === 'health-report'
            ? t('blockedByHealthReport')
            : t('blockedByBreaker'),
    }
  }
  if (policy.capability !== null && availability.capabilities[policy.capability].state === 'down') {
    return {
      allowed: false,
      blockedBy: 'capability',
      reason: t('blockedCapability', { capability: t(capabilityKey(policy.capability)) }),
    }
  }
  return { allowed: true, reason: null, blockedBy: null }
}
