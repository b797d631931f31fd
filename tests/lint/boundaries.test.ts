// @vitest-environment node
/**
 * The seams in eslint.config.js are checked, not just written down: each rule is fed a file that
 * breaks it and must report it. Files are linted by path inside src/, as if they were there.
 */
import { readFileSync } from 'node:fs'
import { ESLint } from 'eslint'
import { beforeAll, expect, test, vi } from 'vitest'

// The first lint resolves and parses the whole import graph: tens of seconds on a loaded machine.
vi.setConfig({ testTimeout: 90_000 })

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() })
})

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.map((message) => message.ruleId ?? message.message)
}

test('a feature importing another feature fails lint', async () => {
  const code = "import { CatalogPage } from '@/features/catalog/catalog-page'\nexport const page = CatalogPage\n"
  expect(await rulesBroken('src/features/cart/uses-catalog.ts', code)).toContain('import-x/no-restricted-paths')
  // What several pages share lives in the billing domain, which every feature may import.
  const shared = "import { useCart } from '@/billing/cart-store'\nexport const cart = useCart\n"
  expect(await rulesBroken('src/features/catalog/uses-cart.ts', shared)).toEqual([])
})

test('shared code importing the billing domain, a feature or the app fails lint', async () => {
  for (const from of ['@/billing/cart-store', '@/features/cart/cart-page', '@/app/router']) {
    const code = `import * as imported from '${from}'\nexport const value = imported\n`
    expect(await rulesBroken('src/lib/api/uses-upper-layer.ts', code), from).toContain('import-x/no-restricted-paths')
  }
})

test('an import cycle fails lint', async () => {
  // cart-page imports (through its components) item-errors: importing the page back closes a loop.
  const path = 'src/features/cart/item-errors.ts'
  const code = `${readFileSync(path, 'utf8')}\nexport { CartPage } from './cart-page'\n`
  expect(await rulesBroken(path, code)).toContain('import-x/no-cycle')
  expect(await rulesBroken(path, readFileSync(path, 'utf8'))).toEqual([])
})

test('calling fetch anywhere but the request function fails lint', async () => {
  const code = "export const load = () => fetch('/api/subscription')\nexport const load2 = () => window.fetch('/api')\n"
  expect(await rulesBroken('src/features/invoices/load.ts', code)).toEqual([
    'no-restricted-globals',
    'no-restricted-properties',
  ])
})
