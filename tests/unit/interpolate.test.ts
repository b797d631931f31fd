import { expect, test } from 'vitest'
import { interpolate } from '@/lib/i18n/interpolate'

const agents = 'Keep at least {min} seats: {inUse, plural, one {# agent is} other {# agents are}} using seats.'

test('plural forms follow each language’s rules, with # for the number', () => {
  expect(interpolate(agents, { min: 1, inUse: 1 }, 'en')).toBe('Keep at least 1 seats: 1 agent is using seats.')
  expect(interpolate(agents, { min: 2, inUse: 2 }, 'en')).toBe('Keep at least 2 seats: 2 agents are using seats.')
  const pt = '{count, plural, one {# fatura} other {# faturas}}'
  // Portuguese (Brazil) counts 0 and 1 as "one"; English counts 0 as "other".
  expect(interpolate(pt, { count: 0 }, 'pt-BR')).toBe('0 fatura')
  expect(interpolate(pt, { count: 1 }, 'pt-BR')).toBe('1 fatura')
  expect(interpolate(pt, { count: 3 }, 'pt-BR')).toBe('3 faturas')
  expect(interpolate('{count, plural, one {# invoice} other {# invoices}}', { count: 0 }, 'en')).toBe('0 invoices')
})

test('an exact form wins, a formatted number can stand for #, and other placeholders still fill in', () => {
  const text = '{count, plural, =0 {No change} one {# change in {place}} other {# changes in {place}}}'
  expect(interpolate(text, { count: 0, place: 'cart' }, 'en')).toBe('No change')
  expect(interpolate(text, { count: 1200, countText: '1,200', place: 'cart' }, 'en')).toBe('1,200 changes in cart')
})

test('a missing value or a malformed message is shown as written, never thrown', () => {
  expect(interpolate('Hello {name}', {}, 'en')).toBe('Hello {name}')
  expect(interpolate('{count, plural, one {#}', { count: 1 }, 'en')).toBe('{count, plural, one {#}')
  expect(interpolate('{count, plural, one {# seat} other {# seats}}', { count: 'many' }, 'en')).toBe('many seats')
})
