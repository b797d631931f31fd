/** Where the simulated backends answer: the app's API base, on the page's own origin. */

/**
 * Where requests go when there is no page to take an origin from (the HTTP mock server hands its
 * requests to the handlers on this origin; node-environment tests fetch it).
 */
export const nodeMockOrigin = 'http://localhost'

/** The origin the simulated backend lives on: the page's own (browser, happy-dom), else nodeMockOrigin. */
export const mockOrigin: string = globalThis.location?.origin ?? nodeMockOrigin

/**
 * The one API base the handlers answer: the configured VITE_API_BASE_URL when it is absolute (a
 * demo build pointed at an API host), else `/api` on the app's own origin. Never any origin: a demo
 * build must not answer a third-party URL whose path happens to start with `/api`.
 */
export function mockApiBase(configured: string | undefined, origin: string): string {
  const base = (configured ?? '').trim()
  if (/^https?:\/\//i.test(base)) {
    try {
      const url = new URL(base)
      return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
    } catch {
      // Not a URL: the app could not call it either; fall back to the default.
    }
  }
  return `${origin}/api`
}

// import.meta.env is Vite's (the app, the tests); the mock server runs under tsx, which has none.
/** The API base the simulated backends answer in this build. */
export const simulatedApiBase: string = mockApiBase(import.meta.env?.VITE_API_BASE_URL, mockOrigin)
