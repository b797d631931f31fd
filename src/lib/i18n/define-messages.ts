import { useCallback } from 'react'
import type { Locale } from '@/lib/api/schemas'
import { useLocale } from './locale-store'
import { interpolate, type Vars } from './interpolate'
import { splitTextsOf } from './locale-texts'

export type Translate<K extends string> = (key: K, vars?: Vars) => string

/**
 * Each feature declares its own messages in both languages next to its components; the type makes
 * a missing Portuguese text a compile error. `{name}` in a text is replaced by `vars.name`, and
 * `{count, plural, one {# seat} other {# seats}}` picks the form the language's plural rules
 * (Intl.PluralRules) give for `vars.count`, `#` standing for the number (see interpolate.ts).
 * `splitFile` is never written by hand: builds move the Portuguese texts out to a file loaded on
 * demand (scripts/vite/locale-split-plugin.ts) and name here where to find them.
 */
export function defineMessages<const M extends Record<string, string>>(
  messages: {
    en: M
    'pt-BR': Record<keyof M, string>
  },
  splitFile?: string,
) {
  // The locale store shows a language only once its texts are loaded; English is the safety net.
  const textsOf = (locale: Locale) =>
    (messages[locale] ??
      (splitFile === undefined ? undefined : splitTextsOf(locale, splitFile)) ??
      messages.en) as Record<keyof M, string>
  const translate =
    (locale: Locale): Translate<Extract<keyof M, string>> =>
    (key, vars) =>
      interpolate(textsOf(locale)[key], vars, locale)
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
