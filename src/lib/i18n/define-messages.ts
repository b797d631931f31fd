import { useCallback } from 'react'
import type { Locale } from '@/lib/api/schemas'
import { useLocale } from './locale-store'

type Vars = Record<string, string | number>
export type Translate<K extends string> = (key: K, vars?: Vars) => string

/**
 * Each feature declares its own messages in both languages next to its components; the type makes
 * a missing Portuguese text a compile error. `{name}` in a text is replaced by `vars.name`.
 */
export function defineMessages<const M extends Record<string, string>>(messages: {
  en: M
  'pt-BR': Record<keyof M, string>
}) {
  const translate =
    (locale: Locale): Translate<Extract<keyof M, string>> =>
    (key, vars) =>
      interpolate(messages[locale][key], vars)
  return {
    messages,
    translate,
    /** The translate function for the admin's current language. */
    useT(): Translate<Extract<keyof M, string>> {
      const locale = useLocale()
      // eslint-disable-next-line react-hooks/exhaustive-deps -- translate is stable per locale
      return useCallback(translate(locale), [locale])
    },
  }
}

function interpolate(text: string, vars: Vars | undefined): string {
  if (!vars) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}
