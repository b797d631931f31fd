import { Component, useId, type ReactNode } from 'react'
import { commonMessages } from '@/lib/i18n/common-messages'
import { reportRenderError } from './report-render-error'
import { sectionBoundaryMessages } from './section-boundary-messages'

type Props = {
  /** The section's title, for the message ("Invoices could not be shown."). */
  title: string
  children: ReactNode
  /** Besides rendering again: fetch the section's data again (a refetch), if it has any. */
  onRetry?: () => void
  /** A change of this value (new data) renders the section again by itself. */
  resetKey?: unknown
}

type InnerProps = Props & { wrapFallback?: (fallback: ReactNode) => ReactNode }

/**
 * Keeps a render error inside its section: the section says it could not be shown and offers a
 * retry, while the page's other sections, the navigation and the cart keep working. Without it,
 * one throw while rendering takes the whole route down to "This page failed to load".
 *
 * Reported to the operators' alert intake (once a minute per page and section at most): a render
 * error is a bug of this app, or data it did not expect, and operators should hear of it before
 * admins write in. The reporter loads only when something failed.
 */
export function SectionBoundary({
  title,
  children,
  onRetry,
  resetKey,
  wrapFallback = (fallback) => fallback,
}: InnerProps) {
  const t = sectionBoundaryMessages.useT()
  const common = commonMessages.useT()
  return (
    <RenderBoundary
      resetKey={resetKey}
      where={title}
      fallback={(retry) =>
        wrapFallback(
          <div className="section-error" role="status">
            <p className="section-error-title">{t('sectionFailed', { title })}</p>
            <p>{t('sectionFailedLead')}</p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                retry()
                onRetry?.()
              }}
            >
              {common('retry')}
            </button>
          </div>,
        )
      }
    >
      {children}
    </RenderBoundary>
  )
}

/**
 * The same, for a section that is a card of its own (not fed by a QuerySection): what it throws is
 * replaced by a card with the section's title, so the page keeps its shape and its headings.
 */
export function CardBoundary(props: Props) {
  const headingId = useId()
  return (
    <SectionBoundary
      {...props}
      wrapFallback={(fallback) => (
        <section className="card" aria-labelledby={headingId}>
          <div className="card-header">
            <h2 id={headingId}>{props.title}</h2>
          </div>
          {fallback}
        </section>
      )}
    />
  )
}

type BoundaryProps = {
  children: ReactNode
  resetKey: unknown
  /** Which section, for the operators' report. */
  where: string
  fallback: (retry: () => void) => ReactNode
}
type BoundaryState = { failed: boolean; resetKey: unknown }

// Error boundaries are still class components in React 19: there is no hook for them.
class RenderBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, resetKey: this.props.resetKey }

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true }
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { failed: false, resetKey: props.resetKey }
  }

  override componentDidCatch(error: unknown): void {
    reportRenderError(`${window.location.pathname} · ${this.props.where}`, error)
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children
  }
}
