import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { Availability } from '@/lib/availability/availability-store'
import type { ResilienceRuntime } from './runtime'

const ResilienceContext = createContext<ResilienceRuntime | null>(null)

/** Gives the app's resilience runtime to everything below (app.tsx creates it). */
export function ResilienceProvider({ runtime, children }: { runtime: ResilienceRuntime; children: ReactNode }) {
  return <ResilienceContext.Provider value={runtime}>{children}</ResilienceContext.Provider>
}

export function useResilience(): ResilienceRuntime {
  const runtime = useContext(ResilienceContext)
  if (!runtime) throw new Error('useResilience needs a ResilienceProvider (see app.tsx)')
  return runtime
}

/** The one availability state of billing, re-rendering on each change. */
export function useAvailability(): Availability {
  return useStore(useResilience().availability.store, (state) => state.availability)
}
