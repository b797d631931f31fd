import { GALLERY_PATH, readGalleryFrame } from './gallery/gallery-states'
import { isolateGalleryFrame } from './gallery/isolate-gallery-frame'

/**
 * Development and demo builds only: the simulated billing backend (the billing gateway and its
 * Zuora simulator, in this page behind MSW's service worker). Runs before
 * main.tsx loads the app, and says what to render next: the app, or nothing when this page is the
 * designers' gallery (which has then taken #root itself) or the in-page gateway's hosted payment
 * page (which has then replaced the document).
 */
export async function startMockBackend(): Promise<'app' | 'gallery' | 'page'> {
  if (window.location.pathname === `${import.meta.env.BASE_URL}${GALLERY_PATH}`) {
    const { mountGallery } = await import('./gallery/mount-gallery')
    await mountGallery()
    return 'gallery'
  }
  // A frame of the gallery gets storage of its own first, before anything reads storage.
  const galleryState = readGalleryFrame(window.location.href)
  if (galleryState) {
    isolateGalleryFrame()
    // Its storage is its own now, so the app's code may load (main.tsx imports it after this), with
    // the frame's page and the code that seeds it: all fetched at once rather than one after the
    // other (each import is a waterfall of module requests in development). The gateway and the
    // simulated Zuora are the deepest of them (up to seven levels of imports): requested from the
    // start too, which takes two levels off. The frame's own state, not the scenario chosen in the
    // toolbar, and no toolbar.
    const frameSeeding = import('./gallery/start-gallery-frame')
    const path = window.location.pathname.slice(import.meta.env.BASE_URL.length - 1)
    void import('../app/router').then((router) => router.preloadPagesAt(path))
    void import('../app/app')
    void import('../lib/i18n/locale-store')
    void import('../../gateway/compose')
    void import('../../mocks/zuora')
    // Before the app renders: its router must see the address without `?__gallery=`.
    await (await frameSeeding).startGalleryFrame(galleryState)
    return 'app'
  }

  const { startInPageGateway } = await import('./start-in-page-gateway')
  return startInPageGateway()
}
