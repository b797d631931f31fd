import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ScenarioToolbar, type ToolbarRunner } from './scenario-toolbar'

/** The toolbar lives in its own React root beside the app's, so the app's code knows nothing of it. */
export function mountScenarioToolbar(runner: ToolbarRunner, problems: string[]): void {
  const container = document.createElement('div')
  container.id = 'scenario-toolbar-root'
  document.body.append(container)
  createRoot(container).render(
    <StrictMode>
      <ScenarioToolbar runner={runner} problems={problems} />
    </StrictMode>,
  )
}
