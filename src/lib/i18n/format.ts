import { useMemo } from 'react'
import type { Locale, Money } from '@/lib/api/schemas'
import { useLocale } from './locale-store'

/** Money, dates and numbers always go through Intl in the admin's language. */
export function createFormat(locale: Locale, timeZone?: string) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
  const dateTimeUtc = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  // Calendar dates (YYYY-MM-DD) have no zone: format them as UTC so that they never shift a day.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone })
  const number = new Intl.NumberFormat(locale)
  const moneyFormats = new Map<string, Intl.NumberFormat>()
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })

  return {
    money(money: Money): string {
      let format = moneyFormats.get(money.currency)
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency })
        moneyFormats.set(money.currency, format)
      }
      return format.format(money.amountMinor / 100)
    },
    date: (isoDate: string) => date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    dateTime: (value: string | number | Date) => dateTime.format(new Date(value)),
    dateTimeUtc: (value: string | number | Date) => `${dateTimeUtc.format(new Date(value))} UTC`,
    time: (value: string | number | Date) => time.format(new Date(value)),
    number: (value: number) => number.format(value),
    /** "5 minutes ago", for "as of" times. */
    ago(value: string | number | Date, now = Date.now()): string {
      const seconds = Math.round((new Date(value).getTime() - now) / 1000)
      const abs = Math.abs(seconds)
      if (abs < 60) return relative.format(seconds, 'second')
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute')
      if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour')
      return relative.format(Math.round(seconds / 86_400), 'day')
    },
  }
}

export type Format = ReturnType<typeof createFormat>

export function useFormat(): Format {
  const locale = useLocale()
  return useMemo(() => createFormat(locale), [locale])
}
