/**
 * Invoices: the seed history, generated from a seed and today's date on demand (10,000 of them for
 * a big account, so they are never stored), and the invoice an order adds.
 */
import type { BillingDetails, Invoice, InvoiceStatus } from '../../src/lib/api/schemas'
import { addDays, addMonths, daysBetween } from './dates'
import { usd } from './money'
import { randomInt, seededRandom } from '../../gateway/prng'

/** How one account names its invoices: `inv_<slug>_000123` and `<PREFIX>-000123`. */
export type InvoiceSeries = { slug: string; prefix: string }
export type LineInput = { description: string; quantity: number; unitMinor: number }

const pad = (seq: number) => String(seq).padStart(6, '0')
export const invoiceId = (series: InvoiceSeries, seq: number) => `inv_${series.slug}_${pad(seq)}`
const invoiceNumber = (series: InvoiceSeries, seq: number) => `${series.prefix}-${pad(seq)}`

/** The sequence number inside an id of this series, or null when the id is not one of its own. */
export function seqFromId(series: InvoiceSeries, id: string): number | null {
  const match = new RegExp(`^inv_${series.slug}_(\\d{6})$`).exec(id)
  return match?.[1] === undefined ? null : Number(match[1])
}

export function billedTo(accountName: string, details: BillingDetails): Invoice['billedTo'] {
  const { line1, line2, city, region, postalCode, country } = details.address
  const cityLine = [city, region, postalCode].filter(Boolean).join(', ')
  return {
    name: accountName,
    address: [line1, line2, cityLine, country].filter((line): line is string => Boolean(line)),
  }
}

type InvoiceFields = Pick<Invoice, 'id' | 'number' | 'issuedAt' | 'dueAt' | 'status' | 'description' | 'billedTo'>

function buildInvoice(fields: InvoiceFields, lines: LineInput[], taxRatePercent: number): Invoice {
  const invoiceLines = lines.map((line) => ({
    description: line.description,
    quantity: line.quantity,
    unitPrice: usd(line.unitMinor),
    amount: usd(line.quantity * line.unitMinor),
  }))
  const subtotal = invoiceLines.reduce((sum, line) => sum + line.amount.amountMinor, 0)
  const tax = Math.round((subtotal * taxRatePercent) / 100)
  return { ...fields, lines: invoiceLines, subtotal: usd(subtotal), tax: usd(tax), total: usd(subtotal + tax) }
}

type SeedSpec = { series: InvoiceSeries; count: number; taxRatePercent: number; billedTo: Invoice['billedTo'] }

/** Invoice `seq` of the series: its id, number and the account's billed-to, with what the history says of it. */
const invoiceFields = (
  spec: SeedSpec,
  seq: number,
  dated: Pick<InvoiceFields, 'issuedAt' | 'dueAt' | 'status' | 'description'>,
): InvoiceFields => ({
  id: invoiceId(spec.series, seq),
  number: invoiceNumber(spec.series, seq),
  ...dated,
  billedTo: spec.billedTo,
})

/** One invoice per month, the newest on `lastIssuedAt`; `linesFor` says what month `seq` billed. */
export function monthlyInvoices(
  spec: SeedSpec & {
    lastIssuedAt: string
    linesFor: (seq: number) => { description: string; lines: LineInput[] }
    voidSeqs: number[]
  },
  today: string,
): Invoice[] {
  const invoices: Invoice[] = []
  for (let seq = spec.count; seq >= 1; seq -= 1) {
    const issuedAt = addMonths(spec.lastIssuedAt, seq - spec.count)
    const dueAt = addDays(issuedAt, 14)
    const status: InvoiceStatus = spec.voidSeqs.includes(seq) ? 'void' : dueAt >= today ? 'open' : 'paid'
    const { description, lines } = spec.linesFor(seq)
    const fields = invoiceFields(spec, seq, { issuedAt, dueAt, status, description })
    invoices.push(buildInvoice(fields, lines, spec.taxRatePercent))
  }
  return invoices
}

const usageKinds = [
  { upTo: 0.6, description: 'Usage: automated AI resolutions', unitMinor: 150, min: 40, max: 1_800 },
  { upTo: 0.85, description: 'Seats added mid-period (prorated)', unitMinor: 3_300, min: 1, max: 40 },
  { upTo: 0.95, description: 'Voice minutes', unitMinor: 4, min: 500, max: 20_000 },
  { upTo: 1, description: 'Extra storage pack', unitMinor: 2_500, min: 1, max: 6 },
] as const
const brands = ['Globex US', 'Globex EU', 'Globex LATAM', 'Globex APAC'] as const

/**
 * A large history spread evenly over `spanDays` up to today: several usage invoices a day across
 * brands. Every invoice draws the same four numbers whatever the date, so amounts never change.
 */
export function bulkInvoices(spec: SeedSpec & { spanDays: number; seed: number }, today: string): Invoice[] {
  const random = seededRandom(spec.seed)
  const invoices: Invoice[] = new Array<Invoice>(spec.count)
  // About seven invoices share each day: compute each date once (the Date work dominated).
  const dates = new Map<number, string>()
  const daysAgo = (days: number) => dates.get(days) ?? dates.set(days, addDays(today, -days)).get(days) ?? today
  for (let seq = 1; seq <= spec.count; seq += 1) {
    const kindDraw = random()
    const kind = usageKinds.find((k) => kindDraw < k.upTo) ?? usageKinds[0]
    const quantity = randomInt(random, kind.min, kind.max)
    const statusDraw = random()
    const brand = brands[Math.floor(random() * brands.length)] ?? brands[0]
    const age = Math.floor(((spec.count - seq) * spec.spanDays) / spec.count)
    const issuedAt = daysAgo(age)
    const dueAt = daysAgo(age - 30)
    const status: InvoiceStatus =
      dueAt >= today
        ? 'open'
        : statusDraw < 0.01
          ? 'void'
          : statusDraw < 0.03 && daysBetween(dueAt, today) <= 60
            ? 'past_due'
            : 'paid'
    const description = `${kind.description} (${brand})`
    const fields = invoiceFields(spec, seq, { issuedAt, dueAt, status, description })
    invoices[spec.count - seq] = buildInvoice(
      fields,
      [{ description, quantity, unitMinor: kind.unitMinor }],
      spec.taxRatePercent,
    )
  }
  return invoices
}
