import { useMemo } from 'react'
import { minorUnitDigits } from '@/lib/api/currencies'
import type { Locale, Money } from '@/lib/api/schemas'
import { useLocale } from './locale-store'

type Moment = string | number | Date

/**
 * Intl throws a RangeError on what it cannot format (a malformed currency code, an invalid date, an
 * infinite relative time), and a throw while rendering takes the whole section down. Formatting is
 * display only: a value it cannot format is shown plainly instead.
 */
function orPlainly<A extends [unknown, ...unknown[]]>(
  format: (...args: A) => string,
  plain: (value: A[0]) => string,
): (...args: A) => string {
  return (...args) => {
    try {
      return format(...args)
    } catch {
      return plain(args[0])
    }
  }
}

/** A moment as the API would send it (ISO 8601), or as given when it is no valid time at all. */
function plainMoment(value: Moment): string {
  if (typeof value === 'string') return value
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString()
}

/** The amount in major units: minor units per ISO 4217 (cents for most, none for yen, fils in thousandths). */
const majorUnits = (money: Money): number => money.amountMinor / 10 ** minorUnitDigits(money.currency)

/** "1234.56 XYZ": the amount in major units and the code, as written in the API's answer. */
const plainMoney = (money: Money): string =>
  `${majorUnits(money).toFixed(minorUnitDigits(money.currency))} ${String(money.currency)}`

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
    money: orPlainly((money: Money): string => {
      let format = moneyFormats.get(money.currency)
      if (!format) {
        // ISO's digits, not the engine's idea of them, so that the amount shown is the amount sent.
        const digits = minorUnitDigits(money.currency)
        format = new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: money.currency,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        })
        moneyFormats.set(money.currency, format)
      }
      return format.format(majorUnits(money))
    }, plainMoney),
    date: orPlainly((isoDate: string) => date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)), String),
    dateTime: orPlainly((value: Moment) => dateTime.format(new Date(value)), plainMoment),
    dateTimeUtc: orPlainly((value: Moment) => `${dateTimeUtc.format(new Date(value))} UTC`, plainMoment),
    time: orPlainly((value: Moment) => time.format(new Date(value)), plainMoment),
    number: orPlainly((value: number) => number.format(value), String),
    /** "5 minutes ago", for "as of" times. */
    ago: orPlainly((value: Moment, now: number = Date.now()): string => {
      const seconds = Math.round((new Date(value).getTime() - now) / 1000)
      const abs = Math.abs(seconds)
      if (abs < 60) return relative.format(seconds, 'second')
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute')
      if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour')
      return relative.format(Math.round(seconds / 86_400), 'day')
    }, plainMoment),
  }
}

export type Format = ReturnType<typeof createFormat>

export function useFormat(): Format {
  const locale = useLocale()
  return useMemo(() => createFormat(locale), [locale])
}
