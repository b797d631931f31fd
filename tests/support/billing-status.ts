/**
 * The billing status report in a page test, on this test's gateway (test-gateway.ts).
 *
 * - `setMaintenance(...)`: the operators' flag, switched as an operator switches it (PUT
 *   /billing-status/maintenance), so the gateway's report and its timeline carry it.
 * - `currentReport()`: the report the gateway answers now.
 * - `reportSays({ subscription: 'down' })` (a component's id or capability): for a test of how the app obeys a report (not of how the
 *   gateway computes it: tests/gateway does that from what Zuora does), GET /billing-status answers
 *   the gateway's own report with those components' health changed, until `reportSays` is called
 *   again. The app's browsers obey the report whatever made it, so this is the report's contract.
 */
import { http, HttpResponse } from 'msw'
import type { BillingStatus, ComponentHealth } from '@/lib/api/schemas'
import { server } from '../../mocks/node'
import { gatewayAs } from './gateway-as'
import { testGateway } from './test-gateway'

type MaintenanceInput = {
  enabled: boolean
  message?: string
  messages?: { en?: string; 'pt-BR'?: string }
  reason?: 'provider_outage' | 'scheduled' | 'other'
  nextUpdateAt?: string | null
}

export async function setMaintenance(input: MaintenanceInput): Promise<BillingStatus> {
  const operator = await gatewayAs('operator')
  return operator.call<BillingStatus>('PUT', '/billing-status/maintenance', input)
}

/** The report as the gateway answers it now (straight from the gateway: no MSW override applies). */
export async function currentReport(): Promise<BillingStatus> {
  const response = await testGateway()
    .gateway()
    .fetch(new Request(`${location.origin}/api/billing-status`))
  if (!response.ok) throw new Error(`GET /billing-status answered ${response.status}`)
  return (await response.json()) as BillingStatus
}

let overrides: Partial<Record<string, ComponentHealth>> = {}
let installed = false

export function reportSays(health: Partial<Record<string, ComponentHealth>>): void {
  overrides = { ...health }
  if (installed) return
  installed = true
  server.use(
    http.get('*/api/billing-status', async () => {
      const report = await currentReport()
      const at = new Date().toISOString()
      return HttpResponse.json({
        ...report,
        components: report.components.map((component) => {
          const health = overrides[component.id] ?? (component.capability && overrides[component.capability])
          return health ? { ...component, status: health, updatedAt: at } : component
        }),
      })
    }),
  )
}

/** The setup's reset: the next test's report is the gateway's own again. */
export function forgetReportOverrides(): void {
  overrides = {}
  installed = false
}
