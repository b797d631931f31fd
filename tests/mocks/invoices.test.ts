// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createDb } from '../../mocks/db'
import { ok, refused, send } from './support'

describe('invoices', () => {
  it('lists Acme’s 36 monthly invoices, newest first', async () => {
    const { invoices } = await ok('getInvoices')
    expect(invoices).toHaveLength(36)
    expect(invoices[0]?.number).toBe('ACME-000036')
    expect(invoices.at(-1)?.number).toBe('ACME-000001')
    const subscription = await ok('getSubscription')
    expect(invoices[0]?.issuedAt).toBe(subscription.currentPeriodStart)
    expect(invoices[0]?.total).toEqual(subscription.nextInvoice.total) // same seats and add-ons, US tax 0%
  })

  it('lists Globex’s 10,000 invoices quickly, newest first', async () => {
    await ok('switchAccount', { body: { accountId: 'acc_globex' } })
    const started = performance.now()
    const { invoices } = await ok('getInvoices')
    expect(performance.now() - started).toBeLessThan(3_000)
    expect(invoices).toHaveLength(10_000)
    expect(new Set(invoices.map((i) => i.id)).size).toBe(10_000)
    const dates = invoices.map((i) => i.issuedAt)
    expect(dates).toEqual([...dates].sort().reverse())
    expect(new Set(invoices.map((i) => i.status))).toEqual(new Set(['paid', 'open', 'past_due', 'void']))
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
