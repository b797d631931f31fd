/**
 * The gallery page holds MSW's service worker for its frames: it registers it itself before any
 * frame loads. MSW's worker unregisters itself when the last page that ran MSW closes, and a
 * navigation counts: a designer going from the app to the gallery in the same tab (the toolbar's
 * link) left the registration being removed, so the first frames' navigations were under no
 * worker, and their own `worker.start()` only revived the registration, which then never claimed
 * them. Each waited out waitForWorkerControl's 5 s and ran on uncontrolled, its requests going to
 * the dev server instead of its gateway (ad hoc, Chromium's marks in a frame: `worker-in-control`
 * at 5.2 s instead of at once). Registered from here first, it is revived (or, on a first visit,
 * installed) before the frames navigate, and the gallery counts as its page while it is open.
 */
export async function holdMockWorker(timeoutMs = 3_000): Promise<void> {
  if (!('serviceWorker' in navigator)) return
  const registered = navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}mockServiceWorker.js`)
    .then(() => undefined)
    .catch(() => undefined)
  // A worker that cannot be reached holds the gallery back no longer: each frame then starts its own, as before.
  await Promise.race([registered, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))])
}
