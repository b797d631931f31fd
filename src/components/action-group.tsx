import type { ReactNode } from 'react'

/**
 * Buttons side by side that pause together (a page header's actions): their reason is said once, on
 * a line under the group, instead of under each button. Two reasons side by side made the group
 * twice as wide, so that it wrapped under the page's title and pushed the page down as an outage
 * was found while the admin read it (docs/decisions/023). The buttons hide their own reason
 * (`hideReason`), which stays their accessible description.
 */
export function ActionGroup({ reasons, children }: { reasons: (string | null)[]; children: ReactNode }) {
  const distinct = [...new Set(reasons.filter((reason) => reason !== null))]
  return (
    <div className="action-group">
      <div className="action-group-buttons">{children}</div>
      {distinct.map((reason) => (
        <p key={reason} className="action-reason">
          {reason}
        </p>
      ))}
    </div>
  )
}
