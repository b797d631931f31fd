import { useState } from 'react'
import { useLocation } from 'react-router-dom'
import type { AvailabilityStatus } from '@/lib/availability/availability-store'

export type BannerPlacement = 'inline' | 'floating'

/**
 * Where the availability banner goes, so that it never pushes the page the admin is reading
 * (docs/decisions/023). A page that opens with billing in trouble gets the banner in its flow, above
 * the content, in the same frame as the page; it keeps that place until the admin moves to another
 * page (saying "Billing is back" once it is). A banner that comes while the admin reads a page
 * floats over its lower corner instead, out of the flow, and joins the next page's flow.
 *
 * Decided when a page opens: while the page is not shown yet (`pageShown`: the first health report
 * is awaited) the placement follows the state; once shown, it changes only with the address.
 */
export function useBannerPlacement(status: AvailabilityStatus, pageShown: boolean): BannerPlacement {
  const { pathname } = useLocation()
  const inTrouble = status !== 'operational'
  const [entry, setEntry] = useState({ pathname, inline: inTrouble })
  if (entry.pathname !== pathname || (!pageShown && entry.inline !== inTrouble)) {
    // Adjusting state while rendering: the new page and its banner's place come in one commit.
    setEntry({ pathname, inline: inTrouble })
    return inTrouble ? 'inline' : 'floating'
  }
  return entry.inline ? 'inline' : 'floating'
}
