import { useId } from 'react'
import type { Locale } from '@/lib/api/schemas'
import { locales, useLocale, useLocaleStore } from '@/lib/i18n/locale-store'
import { appMessages } from '../app-messages'

const names: Record<Locale, string> = { en: 'English', 'pt-BR': 'Português (Brasil)' }

export function LanguageSelect() {
  const t = appMessages.useT()
  const id = useId()
  // The language shown: a choice whose texts are still loading shows once they are here.
  const locale = useLocale()
  const setLocale = useLocaleStore((state) => state.setLocale)
  return (
    <div className="inline-field">
      <label htmlFor={id}>{t('language')}</label>
      <select id={id} value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {locales.map((value) => (
          <option key={value} value={value} lang={value}>
            {names[value]}
          </option>
        ))}
      </select>
    </div>
  )
}
