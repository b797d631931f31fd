import { Component, type ReactNode } from 'react'
import { useLocation } from 'react-router-dom'
import { reportRenderError } from '@/components/report-render-error'
import { RouteError } from './route-error'

type Props = { children: ReactNode; pathname: string }
type State = { failed: boolean; pathname: string }

/**
 * A page whose code fails to load or that throws shows RouteError instead of the frame, and the
 * operators are told; going to another address (the browser's back button) tries again there.
 */
class ErrorBoundaryAtPath extends Component<Props, State> {
  override state: State = { failed: false, pathname: this.props.pathname }

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.pathname === state.pathname ? null : { failed: false, pathname: props.pathname }
  }

  override componentDidCatch(error: unknown): void {
    reportRenderError(`${this.props.pathname} · page`, error)
  }

  override render() {
    return this.state.failed ? <RouteError /> : this.props.children
  }
}

export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  return <ErrorBoundaryAtPath pathname={useLocation().pathname}>{children}</ErrorBoundaryAtPath>
}
