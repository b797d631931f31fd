import { useEffect, type ReactNode } from 'react'
import { SectionBoundary } from './section-boundary'

/** A page: its title (also the document's), an optional lead text and actions, then sections. */
export function Page({
  title,
  description,
  actions,
  children,
}: {
  title: string
  description?: ReactNode
  actions?: ReactNode
  children: ReactNode
}) {
  useEffect(() => {
    document.title = `${title} · Billing`
  }, [title])
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          {description ? <p className="page-description">{description}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {/* Last resort below the sections' own boundaries: the header and the navigation stay, not the route's error page. */}
      <SectionBoundary title={title}>{children}</SectionBoundary>
    </div>
  )
}
