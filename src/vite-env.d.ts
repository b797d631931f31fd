/// <reference types="vite/client" />

/** True in development, test and demo builds; false in production (set in vite.config.ts). */
declare const __MOCKS__: boolean

/** This build's id (vite.config.ts): the saved cache's version, so that no build reads another's. */
declare const __BUILD_ID__: string

/**
 * True in every build but the bench-only `bench-baseline` mode (vite.config.ts), which bypasses
 * the resilience layer (time-outs, retries, breakers, saved cache) to measure what it buys.
 */
declare const __RESILIENCE__: boolean

/**
 * True in builds, where the Portuguese texts ship in a file of their own loaded on demand;
 * false in development and tests, where they are inline (scripts/vite/locale-split-plugin.ts).
 */
declare const __LOCALE_SPLIT__: boolean

/** Every messages file's Portuguese texts (path from the project root, key, text): builds only. */
declare module 'virtual:locale-texts/pt-BR' {
  const texts: Record<string, Record<string, string>>
  export default texts
}

interface ImportMetaEnv {
  /** Base URL of the billing API; defaults to `/api` on the same origin. */
  readonly VITE_API_BASE_URL?: string
  /** Comma-separated https origins of the provider's hosted payment page (src/config/env.ts). */
  readonly VITE_PAYMENT_ORIGINS?: string
}
