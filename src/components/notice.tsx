import type { ReactNode } from 'react'

type Tone = 'info' | 'success' | 'warning' | 'danger'

/**
 * A message in the flow of the page. `live` makes screen readers announce it when it appears:
 * 'polite' for news, 'assertive' only for what stops the admin.
 */
export function Notice({
  tone = 'info',
  title,
  children,
  live,
  actions,
}: {
  tone?: Tone
  title?: ReactNode
  children?: ReactNode
  live?: 'polite' | 'assertive'
  actions?: ReactNode
}) {
  const role = live === 'assertive' ? 'alert' : live === 'polite' ? 'status' : undefined
  return (
    <div className={`notice notice-${tone}`} role={role}>
      <div className="notice-body">
        {title ? <p className="notice-title">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
      {actions ? <div className="notice-actions">{actions}</div> : null}
    </div>
  )
}
