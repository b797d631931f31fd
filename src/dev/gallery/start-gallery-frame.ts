/**
 * Development and demo builds only: prepares one frame of the designers' gallery before the app
 * renders (reached from start-mock-backend.ts when the address has `?__gallery=<state>`). The
 * frame's storages are already in memory (isolate-gallery-frame.ts), so its simulated backend,
 * breakers, saved cache and cart are its own. Then, in order:
 *   1. sign in as the state's user on the frame's own backend, and empty the account if asked;
 *   2. while the backend is still healthy, save the cache an earlier visit would have left;
 *   3. put the backend into the state's registered scenario (not stored: no other frame or tab sees it);
 *   4. leave breakers and a cart where another tab would have left them, and tell the app's
 *      stores to read storage again, exactly as they do when another tab writes it;
 *   5. go offline if asked, and take the gallery parameter out of the address.
 */
import { onlineManager } from '@tanstack/react-query'
import { http, HttpResponse } from 'msw'
import type { SetupWorker } from 'msw/browser'
import { writeStored } from '../../../mocks/backend/persistence'
import { withNextInvoice } from '../../../mocks/backend/pricing'
import { ACME } from '../../../mocks/backend/seed'
import { db, type Db } from '../../../mocks/db'
import { api } from '../../../mocks/handlers/http'
import { createScenarioRunner } from '../../../mocks/scenarios/scenario-runner'
import { seedBreakers, seedCart, seedSavedCache } from './frame-seeds'
import { seedChangeRequests } from './seed-change-requests'
import {
  GALLERY_FRAME_PARAM,
  GALLERY_FRAME_READY,
  breakersOf,
  findGalleryPage,
  scenarioOf,
  type GalleryState,
} from './gallery-states'

const emails = { owner: 'owner@acme.test', viewer: 'viewer@acme.test' } as const

export async function startGalleryFrame(worker: SetupWorker, state: GalleryState): Promise<void> {
  const page =
    findGalleryPage(window.location.pathname.slice(import.meta.env.BASE_URL.length - 1))?.id ?? 'subscription'
  const me = db.signInAs(emails[state.as])
  if (state.emptyAccount) emptyAccount(db)
  else if (page === 'requests') seedChangeRequests(db)
  if (state.savedCache) await seedSavedCache(me, state.savedCache)

  const runner = createScenarioRunner({ host: worker, db })
  runner.select(scenarioOf(state, page), state.scenarioOptions)

  const breakers = breakersOf(state, page)
  if (breakers) seedBreakers(breakers)
  if (!state.emptyAccount) seedCart(me)
  // As when another tab writes storage: the breakers and the cart, already loaded, read it again.
  window.dispatchEvent(new StorageEvent('storage', { key: null }))

  if (state.offline) {
    onlineManager.setOnline(false)
    // Anything that still leaves (nothing should: React Query pauses) fails like a dropped connection.
    worker.use(http.all(api('/*'), () => HttpResponse.error()))
  }

  const url = new URL(window.location.href)
  url.searchParams.delete(GALLERY_FRAME_PARAM)
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
  tellGalleryWhenShown()
}

/** Once the page's heading is in the document, the gallery may boot its next frame. */
function tellGalleryWhenShown(): void {
  if (window.parent === window) return // opened in a tab of its own
  const shown = () => document.querySelector('main h1') !== null
  const tell = () => window.parent.postMessage({ type: GALLERY_FRAME_READY }, window.location.origin)
  if (shown()) return tell()
  const observer = new MutationObserver(() => {
    if (!shown()) return
    observer.disconnect()
    tell()
  })
  observer.observe(document.body, { childList: true, subtree: true })
}

/**
 * Acme with nothing in it, written the way another tab's copy of the backend would be (its stored
 * state), which the backend adopts on its next request: no add-ons, no card, no status updates,
 * and billing details with only what is required.
 */
function emptyAccount(backend: Db): void {
  const state = backend.snapshot()
  const subscription = state.subscriptions[ACME]
  const details = state.billingDetails[ACME]
  if (subscription && details) {
    state.subscriptions[ACME] = withNextInvoice({ ...subscription, addons: [] }, details.address.country)
    state.billingDetails[ACME] = {
      contact: { ...details.contact, phone: null },
      address: { ...details.address, line2: null, region: null },
      taxId: null,
    }
  }
  state.paymentMethods[ACME] = { card: null, updatedAt: null }
  state.status.timeline = []
  writeStored(localStorage, state)
  backend.sync()
}
