import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Locale } from '@/lib/api/schemas'
import { loadLocaleTexts, localeTextsReady } from './locale-texts'

export const locales: readonly Locale[] = ['en', 'pt-BR']

function browserLocale(): Locale {
  const language = typeof navigator === 'undefined' ? 'en' : navigator.language
  return language.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en'
}

type LocaleState = {
  /** The admin's choice (kept in the browser). */
  locale: Locale
  /** Languages whose texts are loaded (builds load Portuguese on demand: locale-texts.ts). */
  ready: readonly Locale[]
  setLocale: (locale: Locale) => void
}

const readyNow = () => locales.filter(localeTextsReady)
/** The last language asked for: a slow load of an earlier choice must not override it. */
let lastAsked: Locale | undefined

/** The admin's language: their own choice, kept in the browser; otherwise the browser's. */
export const useLocaleStore = create<LocaleState>()(
  persist(
    (set) => ({
      locale: browserLocale(),
      ready: readyNow(),
      setLocale: (locale) => {
        lastAsked = locale
        if (localeTextsReady(locale)) return set({ locale })
        // Switch once the texts are here, so the page never shows keys or half a language; if they
        // cannot be fetched (offline), the page stays in the language it is in.
        loadLocaleTexts(locale).then(
          () => lastAsked === locale && set({ locale, ready: readyNow() }),
          () => undefined,
        )
      },
    }),
    {
      name: 'billing-locale',
      version: 1,
      partialize: ({ locale }) => ({ locale }),
      // A value from storage is trusted only if it is a language we have.
      merge: (persisted, current) => {
        const locale = (persisted as { locale?: unknown } | undefined)?.locale
        return locales.includes(locale as Locale) ? { ...current, locale: locale as Locale } : current
      },
    },
  ),
)

/** The language pages are shown in: the admin's choice once its texts are loaded, English until then. */
export const useLocale = () => useLocaleStore(({ locale, ready }) => (ready.includes(locale) ? locale : 'en'))

/**
 * Loads the texts of the language the app starts in (a saved choice, or the browser's), so that
 * the first render is already in it: main.tsx awaits this alongside the app's code, and a reload
 * in Portuguese never shows English first. If they cannot be fetched, English is shown.
 */
export function loadStartLocale(): Promise<void> {
  const { locale } = useLocaleStore.getState()
  return loadLocaleTexts(locale).then(
    () => {
      useLocaleStore.setState({ ready: readyNow() })
    },
    () => undefined,
  )
}
