/**
 * Development and demo builds only. MSW's service worker unregisters itself when the last page it
 * knows closes, and a navigation counts: a tab moving to another address while no other tab is
 * open can leave the next page (that tab's new one, or a tab opened in that moment) with no worker
 * over it. `worker.start()` then registers the worker again and resolves once it answers, but the
 * page is only under its control after the worker claims it: requests sent before go to the
 * network, which has no `/api` (seen as 404s for a second tab's first reads in the browser tests).
 * So the app waits for the page to be controlled, a few seconds at most (then it goes on, and a
 * failed read says so on the page as any failed read does).
 */
export async function waitForWorkerControl(
  container: ServiceWorkerContainer | undefined = globalThis.navigator?.serviceWorker,
  timeoutMs = 5_000,
): Promise<boolean> {
  if (!container || container.controller) return true
  return new Promise<boolean>((resolve) => {
    const done = (controlled: boolean) => {
      clearTimeout(timer)
      container.removeEventListener('controllerchange', onChange)
      resolve(controlled)
    }
    const onChange = () => done(true)
    const timer = setTimeout(() => done(Boolean(container.controller)), timeoutMs)
    container.addEventListener('controllerchange', onChange)
  })
}
