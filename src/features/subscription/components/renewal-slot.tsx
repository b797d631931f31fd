import { lazy, Suspense } from 'react'
import { useAsksForChanges } from '@/billing/request-draft-store'
import type { Subscription } from '@/lib/api/schemas'

/**
 * The renewal control (its words, its confirmation, the change and its outcomes) is not on the
 * first page's critical path: its code loads as the overview renders, into a space the size of its
 * button, so nothing below moves when it arrives.
 */
const RenewalControl = lazy(() => import('./renewal-control'))

export function RenewalSlot({ subscription }: { subscription: Subscription }) {
  // Known here, in the first page's code: the control's own chunk then needs nothing more from it.
  const asks = useAsksForChanges()
  if (subscription.status === 'canceled') return null
  return (
    <Suspense fallback={<div className="renewal renewal-loading" />}>
      <RenewalControl subscription={subscription} asks={asks} />
    </Suspense>
  )
}
