import { expect, test } from 'vitest'
import type { Money } from '@/lib/api/schemas'
import { createFormat } from '@/lib/i18n/format'

const en = createFormat('en', 'UTC')
const pt = createFormat('pt-BR', 'UTC')
// What the types forbid but an answer, a saved cache or a bug can still bring.
const malformed = (amountMinor: number, currency: string) => ({ amountMinor, currency }) as unknown as Money

test('formats money, dates and numbers with Intl in the admin’s language', () => {
  expect(en.money({ amountMinor: 123_456, currency: 'USD' })).toBe('$1,234.56')
  expect(pt.money({ amountMinor: 123_456, currency: 'BRL' })).toBe('R$\u00a01.234,56')
  expect(en.date('2026-02-14')).toBe('Feb 14, 2026')
  expect(en.dateTimeUtc('2026-02-14T10:30:00Z')).toBe('Feb 14, 2026, 10:30 AM UTC')
  expect(en.number(100_000)).toBe('100,000')
  expect(en.ago(Date.parse('2026-02-14T10:25:00Z'), Date.parse('2026-02-14T10:30:00Z'))).toBe('5 minutes ago')
})

test('reads minor units as ISO 4217 defines them for the currency', () => {
  expect(en.money({ amountMinor: 1_000, currency: 'JPY' })).toBe('¥1,000')
  expect(en.money({ amountMinor: 1_000, currency: 'KWD' })).toBe('KWD\u00a01.000')
  expect(en.money({ amountMinor: 1_000, currency: 'EUR' })).toBe('€10.00')
  expect(en.money({ amountMinor: 1_000, currency: 'ISK' })).toBe('ISK\u00a01,000')
})

test('shows money in a currency Intl refuses as the amount and the code, instead of throwing', () => {
  expect(() => new Intl.NumberFormat('en', { style: 'currency', currency: 'ut ' })).toThrow(RangeError)
  expect(en.money(malformed(123_456, 'ut '))).toBe('1234.56 ut ')
  expect(pt.money(malformed(-5, '€'))).toBe('-0.05 €')
})

test('shows a date or a time it cannot format as given', () => {
  expect(en.date('not a date')).toBe('not a date')
  expect(en.dateTime('2026-13-45T99:00:00Z')).toBe('2026-13-45T99:00:00Z')
  expect(en.dateTimeUtc('yesterday')).toBe('yesterday')
  expect(en.time(Number.NaN)).toBe('NaN')
  expect(en.dateTime(new Date(Number.NaN))).toBe('Invalid Date')
})

test('shows a relative time it cannot say as the moment itself', () => {
  expect(en.ago('whenever', Date.now())).toBe('whenever')
  expect(en.ago(0, Number.POSITIVE_INFINITY)).toBe('1970-01-01T00:00:00.000Z')
})

test('never throws on numbers out of the ordinary', () => {
  expect(en.number(Number.NaN)).toBe('NaN')
  expect(en.number(Number.POSITIVE_INFINITY)).toBe('∞')
  expect(en.money({ amountMinor: Number.MAX_SAFE_INTEGER, currency: 'JPY' })).toBe('¥9,007,199,254,740,991')
})
