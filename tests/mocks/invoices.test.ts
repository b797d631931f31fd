// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { invoicePageLimits } from '../../src/lib/api/invoice-search'
import { invoicePageSchema, type InvoiceSummary } from '../../src/lib/api/schemas'
import { createDb } from '../../mocks/db'
import { ok, refused, send } from './support'
import '../support/legacy-contract/backend'

describe('invoices', () => {
  it('lists Acme’s 36 monthly invoices on one page, newest first', async () => {
    const { invoices, nextCursor, total } = await ok('getInvoices')
    expect(invoices).toHaveLength(36)
    expect(nextCursor).toBeNull()
    expect(total).toBe(36)
    expect(invoices[0]?.number).toBe('ACME-000036')
    expect(invoices.at(-1)?.number).toBe('ACME-000001')
    const subscription = await ok('getSubscription')
    expect(invoices[0]?.issuedAt).toBe(subscription.currentPeriodStart)
    expect(invoices[0]?.total).toEqual(subscription.nextInvoice.total) // same seats and add-ons, US tax 0%
  })

  it('pages Globex’s 10,000 invoices by cursor: every invoice once, newest first', async () => {
    await ok('switchAccount', { body: { accountId: 'acc_globex' } })
    const seen: InvoiceSummary[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: Record<string, string> = { limit: String(invoicePageLimits.max), ...(cursor ? { cursor } : {}) }
      const page = await ok('getInvoices', { query })
      expect(page.total).toBe(10_000)
      seen.push(...page.invoices)
      cursor = page.nextCursor
      pages += 1
    } while (cursor !== null)
    expect(pages).toBe(10_000 / invoicePageLimits.max)
    expect(new Set(seen.map((i) => i.id)).size).toBe(10_000)
    const dates = seen.map((i) => i.issuedAt)
    expect(dates).toEqual([...dates].sort().reverse())
    expect(new Set(seen.map((i) => i.status))).toEqual(new Set(['paid', 'open', 'past_due', 'void']))
  })

  it('keeps every answer far below 256 kB, even Globex’s largest page', async () => {
    await ok('switchAccount', { body: { accountId: 'acc_globex' } })
    const largest = await send('getInvoices', { query: { limit: String(invoicePageLimits.max) } })
    const bytes = (await largest.arrayBuffer()).byteLength
    expect(bytes).toBeLessThan(256 * 1024 * 0.5)
    const first = await send('getInvoices')
    const page = invoicePageSchema.parse(await first.json())
    expect(page.invoices).toHaveLength(invoicePageLimits.default)
    await refused(send('getInvoices', { query: { limit: String(invoicePageLimits.max + 1) } }), 400, 'invalid_query')
    await refused(send('getInvoices', { query: { limit: '0' } }), 400, 'invalid_query')
  })

  it('filters on the server by status, issue dates and text, and pages within the filter', async () => {
    await ok('switchAccount', { body: { accountId: 'acc_globex' } })
    const all = createDb({ storage: null }).getInvoices('acc_globex')
    const pastDue = all.filter((i) => i.status === 'past_due')
    const first = await ok('getInvoices', { query: { status: 'past_due', limit: '5' } })
    expect(first.total).toBe(pastDue.length)
    expect(first.invoices.map((i) => i.id)).toEqual(pastDue.slice(0, 5).map((i) => i.id))
    const second = await ok('getInvoices', {
      query: { status: 'past_due', limit: '5', cursor: first.nextCursor ?? '' },
    })
    expect(second.invoices.map((i) => i.id)).toEqual(pastDue.slice(5, 10).map((i) => i.id))

    const day = all[100]!.issuedAt
    const sameDay = await ok('getInvoices', { query: { from: day, to: day, limit: '500' } })
    expect(sameDay.invoices.length).toBeGreaterThan(0)
    expect(sameDay.invoices.every((i) => i.issuedAt === day)).toBe(true)
    expect(sameDay.total).toBe(all.filter((i) => i.issuedAt === day).length)

    // Case and accents do not matter; the number and the description are searched.
    expect((await ok('getInvoices', { query: { q: 'glbx-004242' } })).invoices.map((i) => i.number)).toEqual([
      'GLBX-004242',
    ])
    const voice = await ok('getInvoices', { query: { q: 'VOICE minutes (globex eu)' } })
    expect(voice.total).toBe(all.filter((i) => i.description === 'Voice minutes (Globex EU)').length)

    await refused(send('getInvoices', { query: { status: 'overdue' } }), 400, 'invalid_query')
    await refused(send('getInvoices', { query: { from: '2024-02-30' } }), 400, 'invalid_query')
  })

  it('refuses a cursor that was changed, made up, or made for other filters', async () => {
    await ok('switchAccount', { body: { accountId: 'acc_globex' } })
    const { nextCursor } = await ok('getInvoices', { query: { status: 'paid' } })
    expect(nextCursor).toEqual(expect.any(String))
    const cursor = nextCursor ?? ''
    // The same cursor with the same filters is fine; with other filters it is not.
    await ok('getInvoices', { query: { status: 'paid', cursor } })
    await refused(send('getInvoices', { query: { status: 'open', cursor } }), 400, 'invalid_cursor')
    await refused(send('getInvoices', { query: { cursor } }), 400, 'invalid_cursor')
    // Its position moved by hand, or plain garbage.
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8')
    const moved = Buffer.from(decoded.replace(/^\d+/, '7'), 'utf8').toString('base64url')
    await refused(send('getInvoices', { query: { status: 'paid', cursor: moved } }), 400, 'invalid_cursor')
    await refused(send('getInvoices', { query: { status: 'paid', cursor: 'not-a-cursor' } }), 400, 'invalid_cursor')
    await refused(send('getInvoices', { query: { status: 'paid', cursor: `${cursor}x` } }), 400, 'invalid_cursor')
  })

  it('generates the same ids and amounts in every backend', () => {
    const one = createDb({ storage: null }).getInvoices('acc_globex')
    const two = createDb({ storage: null }).getInvoices('acc_globex')
    expect(two.map((i) => [i.id, i.total.amountMinor])).toEqual(one.map((i) => [i.id, i.total.amountMinor]))
  })

  it('shows one invoice with lines that add up', async () => {
    const invoice = await ok('getInvoice', { params: { invoiceId: 'inv_acme_000020' } })
    expect(invoice.number).toBe('ACME-000020')
    expect(invoice.lines.reduce((sum, line) => sum + line.amount.amountMinor, 0)).toBe(invoice.subtotal.amountMinor)
    expect(invoice.total.amountMinor).toBe(invoice.subtotal.amountMinor + invoice.tax.amountMinor)
    expect(invoice.billedTo.name).toBe('Acme Support')

    await refused(send('getInvoice', { params: { invoiceId: 'inv_acme_000037' } }), 404, 'not_found')
    await refused(send('getInvoice', { params: { invoiceId: 'inv_globex_000001' } }), 404, 'not_found') // another account's
  })

  it('serves a small valid PDF as an attachment', async () => {
    const response = await send('getInvoicePdf', { params: { invoiceId: 'inv_acme_000036' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="ACME-000036.pdf"')
    const text = new TextDecoder().decode(await response.arrayBuffer())
    expect(text.startsWith('%PDF-1.4\n')).toBe(true)
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true)
    expect(text).toContain('(Invoice ACME-000036) Tj')
    expect(text).toContain('(Total $1,775.00) Tj')
    // The cross-reference table points at each object exactly.
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)?.[1])
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref')
    const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]))
    offsets.forEach((offset, index) => expect(text.slice(offset).startsWith(`${index + 1} 0 obj`)).toBe(true))
  })

  it('answers 404 for the PDF of an unknown invoice', async () => {
    await refused(send('getInvoicePdf', { params: { invoiceId: 'nope' } }), 404, 'not_found')
  })
})
