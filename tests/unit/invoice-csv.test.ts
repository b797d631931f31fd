// @vitest-environment node
import { expect, test } from 'vitest'
import { csvDecimal, csvText, invoiceCsv } from '@/lib/api/invoice-csv'

test('a text cell a spreadsheet would run as a formula starts with an apostrophe', () => {
  for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
    expect(csvText(cell).replace(/^"|"$/g, '').startsWith(`'${cell[0]}`), JSON.stringify(cell)).toBe(true)
  expect(csvText('Professional plan, 25 seats')).toBe('"Professional plan, 25 seats"')
  expect(csvText('He said "hi"\nthen left')).toBe('"He said ""hi""\nthen left"')
  expect(csvText('ACME-000036')).toBe('ACME-000036')
  expect(csvText('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
})

test('amounts are exact decimals with the currency’s ISO 4217 digits, signed', () => {
  expect(csvDecimal({ amountMinor: 122_500, currency: 'USD' })).toBe('1225.00')
  expect(csvDecimal({ amountMinor: 5, currency: 'USD' })).toBe('0.05')
  expect(csvDecimal({ amountMinor: -900, currency: 'BRL' })).toBe('-9.00')
  expect(csvDecimal({ amountMinor: 1000, currency: 'JPY' })).toBe('1000')
  expect(csvDecimal({ amountMinor: 1234, currency: 'KWD' })).toBe('1.234')
  expect(csvDecimal({ amountMinor: Number.MAX_SAFE_INTEGER, currency: 'USD' })).toBe('90071992547409.91')
})

test('the file: a byte order mark, the header, one CRLF-ended line per invoice', () => {
  const text = invoiceCsv([
    {
      id: 'inv_1',
      number: 'ACME-1',
      issuedAt: '2026-03-14',
      dueAt: '2026-04-13',
      status: 'past_due',
      total: { amountMinor: -900, currency: 'USD' },
      description: '-credit',
    },
  ])
  expect(text).toBe(
    "\uFEFFnumber,issued,due,status,total,currency,description\r\nACME-1,2026-03-14,2026-04-13,past_due,-9.00,USD,'-credit\r\n",
  )
})
