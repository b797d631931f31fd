import type { ReactNode } from 'react'

/**
 * A table that scrolls sideways inside its card when the screen is narrower than the table (a
 * phone), instead of widening the whole page. It is a named, focusable region, so that a keyboard
 * user can scroll it with the arrow keys and a screen reader says what it holds.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}
