import { lazy, Suspense } from 'react'
import type { ScheduledChangeProps } from './scheduled-change'

/**
 * Changes at the next renewal are not on the first page's critical path: their code and words load
 * as the overview renders (or when the admin asks for a decrease), after the first page's own.
 */
const ScheduledChange = lazy(() => import('./scheduled-change'))

export function ScheduledChangeSlot(props: ScheduledChangeProps) {
  return (
    <Suspense fallback={null}>
      <ScheduledChange {...props} />
    </Suspense>
  )
}
