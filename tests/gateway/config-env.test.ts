// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readGatewayConfig } from '../../gateway/config/env'

const good = {
  ZUORA_BASE_URL: 'https://rest.apisandbox.zuora.com',
  ZUORA_CLIENT_ID: 'c',
  ZUORA_CLIENT_SECRET: 's',
  ZUORA_PAYMENT_PAGE_ID: 'p',
  BILLING_DIRECTORY: 'deploy/gateway/directory.example.json',
  BILLING_CATALOG: 'deploy/gateway/catalog.example.json',
  ALERT_WEBHOOK_URL: 'https://events.pagerduty.com/v2/enqueue',
  ALERT_ROUTING_KEY: 'r0ut1ng',
}

describe("the gateway's configuration", () => {
  it('reads the example files and says where to listen and what Zuora to call', () => {
    const result = readGatewayConfig(good)
    if (!result.ok) throw new Error(result.errors.join('\n'))
    expect(result.config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      identityHeader: null,
      redisUrl: null,
      alerts: { url: 'https://events.pagerduty.com/v2/enqueue', routingKey: 'r0ut1ng' },
    })
    expect(result.config.paymentPages.uri).toBe('https://rest.apisandbox.zuora.com/apps/PublicHostedPageLite.do')
    expect(result.config.directory.accounts.map((a) => a.zuoraAccountNumber)).toEqual(['A00000001', 'A00000002'])
    expect(result.config.warnings).toEqual([])
  })

  it('lists every mistake at once, each naming its variable', () => {
    const result = readGatewayConfig({
      PORT: '99999',
      ZUORA_BASE_URL: 'http://rest.zuora.com',
      BILLING_IDENTITY_HEADER: 'x y',
      REDIS_URL: 'http://127.0.0.1:6379',
      INSTANCE_ID: 'one two',
      ALERT_WEBHOOK_URL: 'https://events.pagerduty.com/v2/enqueue',
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    const named = result.errors.map((error) => error.split(':')[0])
    expect(named).toEqual([
      'PORT',
      'ZUORA_BASE_URL',
      'ZUORA_CLIENT_ID',
      'ZUORA_CLIENT_SECRET',
      'ZUORA_PAYMENT_PAGE_ID',
      'BILLING_DIRECTORY',
      'BILLING_CATALOG',
      'BILLING_IDENTITY_HEADER',
      'REDIS_URL',
      'INSTANCE_ID',
      'ALERT_ROUTING_KEY',
    ])
  })

  it('shares state through Redis when REDIS_URL is set, and warns when alerts go nowhere', () => {
    const result = readGatewayConfig({
      ...good,
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      INSTANCE_ID: 'gw-a',
      ALERT_WEBHOOK_URL: '',
      ALERT_ROUTING_KEY: '',
    })
    if (!result.ok) throw new Error(result.errors.join('\n'))
    expect(result.config).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379/0', instanceId: 'gw-a', alerts: null })
    expect(result.config.warnings.join('\n')).toMatch(/ALERT_WEBHOOK_URL is not set/)
  })

  it('names the place in a file that is wrong, and warns of users who cannot sign in', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gateway-config-'))
    const catalog = join(folder, 'catalog.json')
    writeFileSync(catalog, JSON.stringify({ currency: 'USD', plans: [], addons: [] }))
    const directory = join(folder, 'directory.json')
    writeFileSync(directory, '{"accounts": [}')
    const broken = readGatewayConfig({ ...good, BILLING_CATALOG: catalog, BILLING_DIRECTORY: directory })
    expect(broken.ok).toBe(false)
    if (broken.ok) return
    expect(broken.errors.join('\n')).toMatch(/BILLING_DIRECTORY: .*directory\.json is not valid JSON/)
    expect(broken.errors.join('\n')).toMatch(/BILLING_CATALOG .*catalog\.json: plans: /)

    const noPasswords = join(folder, 'no-passwords.json')
    writeFileSync(
      noPasswords,
      JSON.stringify({
        accounts: [{ id: 'a', name: 'A', zuoraAccountNumber: 'A1', createdAt: '2024-01-01T00:00:00Z' }],
        users: [{ id: 'u', email: 'u@example.com', name: 'U', role: 'admin', accountIds: ['a'] }],
      }),
    )
    const warned = readGatewayConfig({ ...good, BILLING_DIRECTORY: noPasswords })
    if (!warned.ok) throw new Error(warned.errors.join('\n'))
    expect(warned.config.warnings[0]).toMatch(/1 user\(s\) have no passwordHash .*u@example.com/)
    const proxied = readGatewayConfig({
      ...good,
      BILLING_DIRECTORY: noPasswords,
      BILLING_IDENTITY_HEADER: 'X-Forwarded-Email',
    })
    if (!proxied.ok) throw new Error(proxied.errors.join('\n'))
    expect(proxied.config).toMatchObject({ identityHeader: 'x-forwarded-email', warnings: [] })
  })

  it('reads Zuora’s status page only from an https URL, and a component only with it', () => {
    const read = readGatewayConfig({
      ...good,
      ZUORA_STATUSPAGE_URL: 'https://trust.zuora.com/api/v2/summary.json',
      ZUORA_STATUSPAGE_COMPONENT: 'NA1 Production API',
    })
    if (!read.ok) throw new Error(read.errors.join('\n'))
    expect(read.config.statuspage).toEqual({
      url: 'https://trust.zuora.com/api/v2/summary.json',
      component: 'NA1 Production API',
    })
    const wrong = readGatewayConfig({ ...good, ZUORA_STATUSPAGE_COMPONENT: 'NA1 Production API' })
    expect(wrong.ok).toBe(false)
    if (!wrong.ok) expect(wrong.errors).toEqual(['ZUORA_STATUSPAGE_COMPONENT: set, but ZUORA_STATUSPAGE_URL is not.'])
  })
})
