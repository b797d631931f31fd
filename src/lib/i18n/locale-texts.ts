import type { Locale } from '@/lib/api/schemas'

/** Per messages file (its path from the project root), per key, the text. */
type SplitTexts = Record<string, Record<string, string>>

/**
 * Builds carry English in each feature's code and Portuguese in a file of its own, loaded only
 * when the admin chooses Portuguese or starts in it (scripts/vite/locale-split-plugin.ts). In
 * development and tests every text is inline, so every language is ready at once.
 */
const loaders: Partial<Record<Locale, () => Promise<{ default: SplitTexts }>>> = {
  'pt-BR': () => import('virtual:locale-texts/pt-BR'),
}
const loaded = new Map<Locale, SplitTexts>()
const loading = new Map<Locale, Promise<void>>()

/** True when this language's texts are in memory, so switching to it shows no key and no English. */
export function localeTextsReady(locale: Locale): boolean {
  return !__LOCALE_SPLIT__ || !loaders[locale] || loaded.has(locale)
}

/** Fetches a language's texts once; a failed fetch (offline) may be tried again. */
export function loadLocaleTexts(locale: Locale): Promise<void> {
  const load = loaders[locale]
  if (localeTextsReady(locale) || !load) return Promise.resolve()
  const pending =
    loading.get(locale) ??
    load().then(
      (module) => {
        loaded.set(locale, module.default)
      },
      (error: unknown) => {
        loading.delete(locale)
        throw error
      },
    )
  loading.set(locale, pending)
  return pending
}

/** The texts a build took out of one messages file, once loaded. */
export function splitTextsOf(locale: Locale, file: string): Record<string, string> | undefined {
  return loaded.get(locale)?.[file]
}
