/**
 * The four provider capabilities' breakers, one each, so that invoices failing never blocks a
 * seat change. Created once per tab; they listen to the other tabs through storage events.
 */
import { capabilitySchema, type Capability } from '@/lib/api/schemas'
import { resetProbeGate } from './probe-gate'
import { SharedBreaker, breakerStorageKey, type BreakerTransition } from './shared-breaker'

export const capabilities: readonly Capability[] = capabilitySchema.options

const storage = typeof localStorage === 'undefined' ? undefined : localStorage

export const breakers: Record<Capability, SharedBreaker> = Object.fromEntries(
  capabilities.map((capability) => [capability, new SharedBreaker(capability, storage)]),
) as Record<Capability, SharedBreaker>

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === null) {
      // Storage cleared in another tab (sign-out): start over.
      for (const capability of capabilities) breakers[capability].adoptFromStorage()
      return
    }
    const capability = capabilities.find((name) => breakerStorageKey(name) === event.key)
    if (capability) breakers[capability].adoptFromStorage()
  })
}

/** Every transition of every breaker, whichever tab caused it. */
export function onBreakerTransition(listener: (capability: Capability, transition: BreakerTransition) => void): () => void {
  const unsubscribes = capabilities.map((capability) =>
    breakers[capability].subscribe((transition) => listener(capability, transition)),
  )
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe())
}

export function resetBreakers(): void {
  for (const capability of capabilities) breakers[capability].reset()
  resetProbeGate()
}
