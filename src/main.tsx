import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles.css'

async function start() {
  // __MOCKS__ is false in a production build, so this branch and the simulated backend it
  // imports are left out of it entirely.
  if (__MOCKS__) {
    const { startMockBackend } = await import('./dev/start-mock-backend')
    if ((await startMockBackend()) === 'gallery') return
  }
  // Loaded only now, because some app modules take hold of localStorage as they load, and a
  // gallery frame (development and demo builds) must first swap it for storage of its own.
  const { App } = await import('./app/app')
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

void start()
