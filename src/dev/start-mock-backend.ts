/** Development and demo builds only: the simulated billing backend in a service worker. */
export async function startMockBackend(): Promise<void> {
  const { worker } = await import('../../mocks/browser')
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  })
  // Before the app renders: its router must see the address without `?scenario=`.
  const { startScenarios } = await import('./start-scenarios')
  startScenarios(worker)
}
