// @vitest-environment node
/**
 * The build's language split (scripts/vite/locale-split-plugin.ts) on the real messages files:
 * what it takes out is exactly each file's Portuguese, and what it leaves is English only.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { splitMessagesSource } from '../../scripts/vite/locale-split-plugin'

const messagesFiles = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('-messages.ts'))
  .map((path) => join('src', path).split('\\').join('/'))

type MessagesModule = Record<string, { messages?: { en: Record<string, string>; 'pt-BR': Record<string, string> } }>

test.each(messagesFiles)('%s: the build takes out its Portuguese texts, all of them and only them', async (file) => {
  const split = splitMessagesSource(readFileSync(file, 'utf8'), file)
  const module = (await import(/* @vite-ignore */ `../../${file}`)) as MessagesModule
  const declared = Object.values(module).find((value) => value?.messages)?.messages
  if (!declared) return expect(split).toBeUndefined() // a file of helpers around messages, with none of its own
  expect(split?.texts).toEqual(declared['pt-BR'])
  const english = new Set(Object.values(declared.en))
  const portugueseOnly = Object.values(declared['pt-BR']).filter((text) => !english.has(text))
  for (const text of portugueseOnly) expect(split?.code).not.toContain(JSON.stringify(text).slice(1, -1))
  expect(split?.code).toContain(`, ${JSON.stringify(file)})`)
})

test('Portuguese texts that are not plain strings fail the build, naming the file', () => {
  const source = `export const m = defineMessages({ en: { a: 'A' }, 'pt-BR': { ...other } })`
  expect(() => splitMessagesSource(source, 'src/x/x-messages.ts')).toThrow('src/x/x-messages.ts')
})
