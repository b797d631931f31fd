// @vitest-environment node
/**
 * Invoices through the gateway over HTTP: pages with our own cursor over the gateway's index
 * (total, filters, a changed cursor refused), one invoice with its lines (another account's is
 * not found), and its PDF (not ready yet for an order's new invoice).
 */
import { expect, test } from 'vitest'
import { zuoraId } from '../../mocks/zuora/state'
import {
  expectContract,
  failure,
  gatewayPerFile,
  quoted,
  signedIn,
  users,
  type Client,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
let owner: Client
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
})

type Summary = { id: string; number: string; issuedAt: string; status: string; description: string }

async function page(query: string) {
  const answer = await owner.get(`/invoices?${query}`)
  expect(answer.status, answer.text).toBe(200)
  expectContract('getInvoices', answer.body)
  return answer.body as { invoices: Summary[]; nextCursor: string | null; total?: number }
}

test('pages of 10 walk the whole history, newest first, with no repeat; total counts them all', async () => {
  const seen: Summary[] = []
  let cursor: string | null = null
  let first: Awaited<ReturnType<typeof page>> | null = null
  do {
    const next: Awaited<ReturnType<typeof page>> = await page(
      `limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    first ??= next
    expect(next.invoices.length).toBeLessThanOrEqual(10)
    seen.push(...next.invoices)
    cursor = next.nextCursor
  } while (cursor !== null && seen.length < 1_000)
  expect(first?.invoices).toHaveLength(10)
  expect(seen.length).toBe(first?.total)
  expect(seen.length).toBeGreaterThan(20)
  expect(new Set(seen.map((invoice) => invoice.id)).size).toBe(seen.length)
  const dates = seen.map((invoice) => invoice.issuedAt)
  expect(dates).toEqual([...dates].sort().reverse())
})

test('filters by status, dates and text, and the total counts the matches', async () => {
  const all = await page('limit=500')
  const paid = await page('status=paid&limit=500')
  expect(paid.invoices.length).toBeGreaterThan(0)
  expect(paid.invoices.every((invoice) => invoice.status === 'paid')).toBe(true)
  expect(paid.total).toBe(all.invoices.filter((invoice) => invoice.status === 'paid').length)

  const from = all.invoices[5]?.issuedAt ?? ''
  const to = all.invoices[2]?.issuedAt ?? ''
  const between = await page(`from=${from}&to=${to}&limit=500`)
  expect(between.invoices.length).toBeGreaterThanOrEqual(4)
  expect(between.invoices.every((invoice) => invoice.issuedAt >= from && invoice.issuedAt <= to)).toBe(true)

  const number = all.invoices[3]?.number ?? ''
  const byText = await page(`q=${encodeURIComponent(number.toLowerCase())}`)
  expect(byText.invoices.map((invoice) => invoice.number)).toEqual([number])
  expect(byText.total).toBe(1)
})

test('a changed cursor, or one used with other filters, is 400 invalid_cursor; limit out of range 400', async () => {
  const { nextCursor } = await page('limit=5')
  expect(nextCursor).not.toBeNull()
  const cursor = nextCursor ?? ''
  const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`
  expect(failure(await owner.get(`/invoices?limit=5&cursor=${encodeURIComponent(tampered)}`))).toEqual([
    400,
    'invalid_cursor',
  ])
  expect(failure(await owner.get(`/invoices?limit=5&status=paid&cursor=${encodeURIComponent(cursor)}`))).toEqual([
    400,
    'invalid_cursor',
  ])
  for (const query of ['limit=0', 'limit=501', 'limit=ten', 'status=lost', 'from=yesterday'])
    expect(failure(await owner.get(`/invoices?${query}`)), query).toEqual([400, 'invalid_query'])
})

test('one invoice with its lines; another account’s invoice is 404', async () => {
  const [newest] = (await page('limit=1')).invoices
  const answer = await owner.get(`/invoices/${newest?.id}`)
  expect(answer.status).toBe(200)
  expectContract('getInvoice', answer.body)
  expect(answer.body).toMatchObject({ id: newest?.id, number: newest?.number, billedTo: { name: expect.any(String) } })
  expect(answer.body.lines.length).toBeGreaterThan(0)

  // Globex's first invoice at the simulated Zuora (its seed's ids), one tenant with Acme's.
  const globexInvoice = zuoraId('8ad0e0a2', 1)
  await owner.call('PUT', '/session/account', { body: { accountId: 'acc_globex' } })
  expect((await owner.get(`/invoices/${globexInvoice}`)).status).toBe(200)
  await owner.call('PUT', '/session/account', { body: { accountId: 'acc_acme' } })
  expect(failure(await owner.get(`/invoices/${globexInvoice}`))).toEqual([404, 'not_found'])
  expect(failure(await owner.get(`/invoices/${globexInvoice}/pdf`))).toEqual([404, 'not_found'])
  expect(failure(await owner.get('/invoices/8ad0nosuchinvoice'))).toEqual([404, 'not_found'])
})

test('an invoice’s PDF is a PDF; a new order’s invoice is 409 pdf_not_ready with Retry-After', async () => {
  const [newest] = (await page('limit=1')).invoices
  const pdf = await fetch(`${sim.url}/api/invoices/${newest?.id}/pdf`, { headers: { Cookie: owner.cookie() } })
  expect(pdf.status).toBe(200)
  expect(pdf.headers.get('content-type')).toBe('application/pdf')
  expect(pdf.headers.get('content-disposition')).toContain(`${newest?.number}.pdf`)
  expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-')

  const { order } = await quoted(owner, [{ type: 'seats', seats: 26 }])
  const placed = await owner.call('POST', '/orders', { body: order, headers: { 'Idempotency-Key': 'pdf-order' } })
  expect(placed.body.invoiceId).toEqual(expect.any(String))
  const notYet = await owner.get(`/invoices/${placed.body.invoiceId}/pdf`)
  expect(failure(notYet)).toEqual([409, 'pdf_not_ready'])
  expect(Number(notYet.headers.get('retry-after'))).toBeGreaterThan(0)
  // The invoice itself is there at once, first in the list.
  expect((await page('limit=1')).invoices[0]?.id).toBe(placed.body.invoiceId)
})
