/**
 * Development and demo builds only: prepares one frame of the designers' gallery before the app
 * renders (reached from start-mock-backend.ts when the address has `?__gallery=<state>`). The
 * frame's storages and cookies are already its own (isolate-gallery-frame.ts). It runs the billing
 * gateway inside MSW with the Zuora simulator, as `npm start` does (docs/decisions/031), a gateway
 * of its own that no other frame or tab sees, kept in memory only. Then, in order:
 *   1. the account: Acme as the state wants it, with what people did before (seed-account.ts,
 *      built once per gallery and copied);
 *   2. sign in as the state's user, and, while Zuora is still healthy, save the cache an earlier
 *      visit would have left;
 *   3. the state's registered scenario at the simulated Zuora, seen by the gateway for a while
 *      already where it is a fault (gateway-seen-fault.ts);
 *   4. breakers and a cart where another tab would have left them, and the app's stores told to
 *      read storage again, exactly as they are when another tab writes it;
 *   5. offline if asked, and the gallery parameter taken out of the address;
 *   6. once the page shows, the gallery told, and the gateway's background work stopped.
 * The service worker starts meanwhile: only the saved cache (through the app's own requests) and
 * the app wait for it. A frame that cannot start (its service worker API unusable, a seed's request
 * failing) tells the gallery, which starts it again in a new iframe.
 */
import { onlineManager } from '@tanstack/react-query'
import { http, HttpResponse } from 'msw'
import { setupWorker } from 'msw/browser'
import { mockOrigin, simulatedApiBase } from '../../../mocks/api-base'
import { createInPageGateway, pageSetCookie } from '../../../mocks/in-page/in-page-gateway'
import { simScenarios } from '../../../mocks/zuora/scenarios'
import { seedBreakers, seedCart, seedSavedCache } from './frame-seeds'
import {
  GALLERY_FRAME_FAILED,
  GALLERY_FRAME_PARAM,
  GALLERY_FRAME_READY,
  breakersOf,
  findGalleryPage,
  scenarioOf,
  type GalleryState,
} from './gallery-states'
import { signInOnGateway } from './gateway-as-user'
import { FAULT_SEEN_MS, catchUpWithFault, createCatchUpClock } from './gateway-seen-fault'
import { seedAccount } from './seed-account'
import { waitForWorkerControl } from '../wait-for-worker-control'

/**
 * A Chromium performance mark at each step of a frame's start (`gallery-frame:<step>`), read from
 * the frame in the browser's tools or by a script: where a frame's time goes (docs/performance.md,
 * "The designers' gallery").
 */
const mark = (step: string) => performance.mark(`gallery-frame:${step}`)

/**
 * Prepares the frame, or, when that fails, tells the gallery (which starts the frame again) and
 * rejects: the app is not rendered on a frame with no backend or half its state.
 */
export async function startGalleryFrame(state: GalleryState): Promise<void> {
  try {
    await prepareGalleryFrame(state)
  } catch (error) {
    mark('failed')
    if (window.parent !== window) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      window.parent.postMessage({ type: GALLERY_FRAME_FAILED, reason }, window.location.origin)
    }
    throw error
  }
}

async function prepareGalleryFrame(state: GalleryState): Promise<void> {
  mark('code-loaded')
  const page =
    findGalleryPage(window.location.pathname.slice(import.meta.env.BASE_URL.length - 1))?.id ?? 'subscription'
  const scenario = scenarioOf(state, page)
  // A state that holds the report back is about the time before the gateway has seen anything.
  const atZuora = simScenarios[scenario]
  const seesFault = (atZuora.fault ?? atZuora.timeline) !== undefined && !state.scenarioOptions?.statusDelayMs
  const clock = createCatchUpClock(seesFault ? FAULT_SEEN_MS : 0)
  const backend = createInPageGateway({ apiBase: simulatedApiBase, origin: mockOrigin, storage: null, clock })
  const worker = setupWorker(...backend.handlers)
  const workerStarted = worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  })
  // Awaited below, after the seeding: a rejection meanwhile (in Chromium, now and then, a frame's
  // `navigator.serviceWorker` says "the document is in an invalid state", and the frame is under no
  // worker) is the frame's failure, reported there, not an unhandled rejection now.
  workerStarted.catch(() => undefined)

  mark('gateway-created')

  await seedAccount(backend, state, page)
  mark('account-seeded')
  const user = await signInOnGateway(backend, mockOrigin, state.as)
  // Where MSW keeps the page's cookies, as after the app's own sign-in.
  document.cookie = pageSetCookie(user.sessionCookie)
  mark('signed-in')

  await workerStarted
  await waitForWorkerControl()
  mark('worker-in-control')
  if (state.savedCache) await seedSavedCache(user.me, state.savedCache)
  // The seeding's reads were no admin's visit: the gateway has no copy of them to answer from.
  await backend.forgetCopies()
  await backend.scenarios.select(scenario, state.scenarioOptions ?? {})
  if (seesFault) await catchUpWithFault(backend, clock)
  mark('scenario-seen')

  const breakers = breakersOf(state, page)
  if (breakers) seedBreakers(breakers)
  if (!state.emptyAccount) seedCart(user.me)
  // As when another tab writes storage: the breakers and the cart, already loaded, read it again.
  window.dispatchEvent(new StorageEvent('storage', { key: null }))

  if (state.offline) {
    onlineManager.setOnline(false)
    // Anything that still leaves (nothing should: React Query pauses) fails like a dropped connection.
    worker.use(http.all(`${simulatedApiBase}/*`, () => HttpResponse.error()))
  }

  const url = new URL(window.location.href)
  url.searchParams.delete(GALLERY_FRAME_PARAM)
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
  mark('app-starts')
  if (window.parent === window) return // opened in a tab of its own: it runs on as `npm start` does
  whenShown(() => {
    mark('page-shown')
    // The gallery may boot its next frame.
    window.parent.postMessage({ type: GALLERY_FRAME_READY }, window.location.origin)
    // A frame is a still of its state: its scenario never changes, so its report has nothing left
    // to compute, and the gateway's background work stops (a probe per capability every half
    // second, the report's upkeep: dozens of frames share the gallery's one main thread). Requests
    // are answered as ever, and the breakers still follow what they meet.
    backend.stop()
  })
}

/** Once the page's heading is in the document. */
function whenShown(then: () => void): void {
  const shown = () => document.querySelector('main h1') !== null
  if (shown()) return then()
  const observer = new MutationObserver(() => {
    if (!shown()) return
    observer.disconnect()
    then()
  })
  observer.observe(document.body, { childList: true, subtree: true })
}
