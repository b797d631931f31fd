/**
 * The status page in the admin's language: the components by the app's own names, the entries the
 * server writes about them said in that language (the operators' messages stay as written), and a
 * pause explained with the same cause as the banner gives at the same moment.
 */
import { act, screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { expect, test } from 'vitest'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { componentEntryMessage } from '../../gateway/own/status'
import { server } from '../../mocks/node'
import { banners } from '../support/banner-texts'
import { currentReport, reportSays } from '../support/billing-status'
import { renderApp } from '../support/render-app'

const section = async (name: string) => {
  const heading = await screen.findByRole('heading', { level: 2, name })
  const element = heading.closest('section')
  if (!element) throw new Error(`${name} is not a section`)
  return within(element)
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString()

/** The report with invoices down, a component the app does not know, and a timeline as the gateway writes it. */
async function serveReport() {
  const report = await currentReport()
  const evidence = '5 failures in a row over 3 s (timeouts)'
  server.use(
    http.get('*/api/billing-status', () =>
      HttpResponse.json({
        ...report,
        components: [
          ...report.components.map((c) => (c.capability === 'invoices' ? { ...c, status: 'down' } : c)),
          { id: 'tax-engine', name: 'Tax engine', capability: null, status: 'operational', updatedAt: hoursAgo(9) },
        ],
        timeline: [
          {
            id: 'tl_16',
            at: hoursAgo(1),
            kind: 'component',
            message: componentEntryMessage('Invoices and PDFs', 'down', evidence),
          },
          {
            id: 'tl_15',
            at: hoursAgo(2),
            kind: 'component',
            message: componentEntryMessage('Invoices and PDFs', 'operational', ''),
          },
          {
            id: 'tl_14',
            at: hoursAgo(3),
            kind: 'component',
            message: componentEntryMessage('Payments', 'degraded', '40% of calls failed'),
          },
          { id: 'tl_13', at: hoursAgo(4), kind: 'update', message: 'Zuora is down, we are on it.' },
          {
            id: 'tl_12',
            at: hoursAgo(5),
            kind: 'component',
            message: 'Invoices and PDFs are answering normally again after slow responses.',
          },
        ],
      }),
    ),
  )
}

test("in Portuguese the components and the server's entries about them read in Portuguese; operators' messages and unreadable entries stay as written", async () => {
  useLocaleStore.setState({ locale: 'pt-BR' })
  await serveReport()
  await renderApp('/status')

  const components = await section('Componentes externos')
  expect(await components.findByRole('rowheader', { name: 'Faturas e PDFs' })).toBeInTheDocument()
  expect(components.getAllByRole('rowheader').map((th) => th.textContent)).toEqual([
    'API de cobrança',
    'Catálogo de produtos',
    'Assinaturas e pedidos',
    'Faturas e PDFs',
    'Pagamentos',
    'Contatos de cobrança',
    'Tax engine', // unknown to the app: the server's name
  ])
  const overview = await section('Situação atual')
  expect(overview.getByText(/^Afetados: Faturas e PDFs\./)).toBeInTheDocument()

  const timeline = await section('Linha do tempo')
  expect(timeline.getAllByRole('listitem').map((item) => item.querySelectorAll('p')[1]?.textContent)).toEqual([
    'Faturas e PDFs: fora do ar.',
    'Faturas e PDFs: respondendo normalmente de novo.',
    'Pagamentos: degradado (lento, ou falhando de vez em quando).',
    'Zuora is down, we are on it.',
    'Invoices and PDFs are answering normally again after slow responses.',
  ])

  // In English: the server's names, and its entries as written, the health check's evidence included.
  act(() => useLocaleStore.setState({ locale: 'en' }))
  const english = await section('Timeline of updates')
  expect(english.getAllByRole('listitem')[0]).toHaveTextContent(
    'Invoices and PDFs: down (5 failures in a row over 3 s (timeouts)).',
  )
  expect((await section('Upstream components')).getByRole('rowheader', { name: 'Payments' })).toBeInTheDocument()
})

test('when the health report pauses billing, the page explains it with the same cause as the banner (English)', async () => {
  reportSays({ subscription: 'down' })
  await renderApp('/status')
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  const overview = await section('Current state')
  expect(await overview.findByText('Billing is unavailable: changes are paused automatically')).toBeInTheDocument()
  const cause = /^Our health check reports the billing provider down/
  expect(screen.getAllByText(cause)).toHaveLength(2) // the banner's and the page's
  expect(overview.getByText(cause)).toBeInTheDocument()
  expect(overview.queryByText(/This browser cannot reach/)).not.toBeInTheDocument()
})

test('when the health report pauses billing, the page explains it with the same cause as the banner (Portuguese)', async () => {
  useLocaleStore.setState({ locale: 'pt-BR' })
  reportSays({ subscription: 'down' })
  await renderApp('/status')
  expect(await screen.findByText('O faturamento está indisponível: alterações pausadas')).toBeInTheDocument()
  const cause = /^Nossa verificação de saúde indica o provedor de faturamento fora do ar/
  expect(screen.getAllByText(cause)).toHaveLength(2) // the banner's and the page's
  const overview = await section('Situação atual')
  expect(overview.getByText(cause)).toBeInTheDocument()
  expect(overview.queryByText(/Este navegador não consegue/)).not.toBeInTheDocument()
})
