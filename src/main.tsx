import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles.css'

/**
 * A browser that used a demo build on this origin may still have its mock service worker registered
 * (mockServiceWorker.js, scope /), and it would answer /api in the real API's stead. A production
 * build has no service worker of its own, so any worker over the app's pages is such a leftover: it
 * is removed (matched by scope, since the worker's name must not appear in a production bundle:
 * tests/build/production-build.test.ts), and the page reloads once if it was under its control.
 * Resolves true when it reloads.
 */
async function dropLeftoverServiceWorkers(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false
  try {
    const appScope = new URL('/', window.location.href).href
    const leftovers = (await navigator.serviceWorker.getRegistrations()).filter(
      (registration) => registration.scope === appScope,
    )
    const removed = await Promise.all(leftovers.map((registration) => registration.unregister()))
    if (!removed.includes(true) || !navigator.serviceWorker.controller) return false
    window.location.reload()
    return true
  } catch {
    return false
  }
}

async function start() {
  if (!__MOCKS__ && (await dropLeftoverServiceWorkers())) return
  // __MOCKS__ is false in a production build, so this branch and the simulated backend it
  // imports are left out of it entirely.
  if (__MOCKS__) {
    const { startMockBackend } = await import('./dev/start-mock-backend')
    if ((await startMockBackend()) !== 'app') return
  }
  // Loaded only now, because some app modules take hold of localStorage as they load, and a
  // gallery frame (development and demo builds) must first swap it for storage of its own.
  // The texts of the language the admin starts in load alongside, so the first render is in it.
  const [{ App }] = await Promise.all([
    import('./app/app'),
    import('./lib/i18n/locale-store').then((store) => store.loadStartLocale()),
  ])
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

void start()
