import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import './styles.css'

async function start() {
  // __MOCKS__ is false in a production build, so this branch and the simulated backend it
  // imports are left out of it entirely.
  if (__MOCKS__) {
    const { startMockBackend } = await import('./dev/start-mock-backend')
    await startMockBackend()
  }
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

void start()
