import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Locale } from '@/lib/api/schemas'

export const locales: readonly Locale[] = ['en', 'pt-BR']

function browserLocale(): Locale {
  const language = typeof navigator === 'undefined' ? 'en' : navigator.language
  return language.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en'
}

type LocaleState = { locale: Locale; setLocale: (locale: Locale) => void }

/** The admin's language: their own choice, kept in the browser; otherwise the browser's. */
export const useLocaleStore = create<LocaleState>()(
  persist(
    (set) => ({
      locale: browserLocale(),
      setLocale: (locale) => set({ locale }),
    }),
    {
      name: 'billing-locale',
      version: 1,
      // A value from storage is trusted only if it is a language we have.
      merge: (persisted, current) => {
        const locale = (persisted as { locale?: unknown } | undefined)?.locale
        return locales.includes(locale as Locale) ? { ...current, locale: locale as Locale } : current
      },
    },
  ),
)

export const useLocale = () => useLocaleStore((state) => state.locale)
