/**
 * Keeps the Portuguese texts out of the first page in builds: every `src/**\/*-messages.ts` keeps
 * both languages side by side in its source (so a missing text stays a compile error and people
 * adding keys touch one file), and at build time this plugin
 * - rewrites `defineMessages({ en: {...}, 'pt-BR': {...} })` into
 *   `defineMessages({ en: {...}, 'pt-BR': undefined }, 'src/.../x-messages.ts')`, and
 * - serves `virtual:locale-texts/pt-BR`, one module with every file's Portuguese texts, which
 *   src/lib/i18n/locale-texts.ts imports when the admin chooses Portuguese (or starts in it).
 * Development and tests (`vite`, Vitest) keep the texts inline: switching language stays
 * synchronous there, and `__LOCALE_SPLIT__` tells the app which case it is in.
 * Only texts written as plain string literals can be moved; anything else there (a spread, a
 * computed key) fails the build with the file's name, rather than shipping a half-split catalog.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import type { Plugin } from 'vite'

export const splitLocale = 'pt-BR'
const virtualId = `virtual:locale-texts/${splitLocale}`
const resolvedVirtualId = `\0${virtualId}`
const messagesFile = /-messages\.ts$/

type Split = { texts: Record<string, string>; code: string }

/** Finds `defineMessages({ ..., 'pt-BR': { literal texts } })` and takes its texts out; undefined if the file has none to take. */
export function splitMessagesSource(source: string, fileKey: string): Split | undefined {
  const file = ts.createSourceFile(fileKey, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  let found: Split | undefined
  const visit = (node: ts.Node) => {
    if (found) return
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'defineMessages' &&
      node.arguments.length === 1
    ) {
      const argument = node.arguments[0]!
      const property = ts.isObjectLiteralExpression(argument)
        ? argument.properties.find((p) => ts.isPropertyAssignment(p) && propertyName(p.name) === splitLocale)
        : undefined
      if (property && ts.isPropertyAssignment(property)) {
        const texts = literalTexts(property.initializer)
        if (!texts)
          throw new Error(
            `${fileKey}: the ${splitLocale} texts are not plain string literals, so they cannot be split out`,
          )
        const { initializer } = property
        found = {
          texts,
          code:
            source.slice(0, initializer.getStart(file)) +
            'undefined' +
            source.slice(initializer.end, argument.end) +
            `, ${JSON.stringify(fileKey)}` +
            source.slice(argument.end),
        }
        return
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined
}

function literalTexts(node: ts.Expression): Record<string, string> | undefined {
  if (!ts.isObjectLiteralExpression(node)) return undefined
  const texts: Record<string, string> = {}
  for (const property of node.properties) {
    if (!ts.isPropertyAssignment(property)) return undefined
    const key = propertyName(property.name)
    const value = property.initializer
    if (key === undefined || !(ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) return undefined
    texts[key] = value.text
  }
  return texts
}

function messagesFilesUnder(root: string): string[] {
  return readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((path) => messagesFile.test(path))
    .map((path) => join(root, 'src', path))
}

export function localeSplit(): Plugin {
  let root = process.cwd()
  let split = false
  const keyOf = (path: string) => relative(root, path).split('\\').join('/')
  return {
    name: 'locale-split',
    enforce: 'pre',
    config: (_config, { command }) => ({ define: { __LOCALE_SPLIT__: JSON.stringify(command === 'build') } }),
    configResolved(config) {
      root = config.root
      split = config.command === 'build'
    },
    resolveId: (id) => (id === virtualId ? resolvedVirtualId : undefined),
    load(id) {
      if (id !== resolvedVirtualId) return undefined
      // Read from the sources, not from transformed modules: this module may load before the pages' ones do.
      const all: Record<string, Record<string, string>> = {}
      for (const path of messagesFilesUnder(root)) {
        this.addWatchFile(path)
        const found = splitMessagesSource(readFileSync(path, 'utf8'), keyOf(path))
        if (found) all[keyOf(path)] = found.texts
      }
      return `export default ${JSON.stringify(all)}`
    },
    transform(code, id) {
      if (!split || !messagesFile.test(id) || !keyOf(id).startsWith('src/')) return undefined
      const found = splitMessagesSource(code, keyOf(id))
      return found ? { code: found.code, map: null } : undefined
    },
  }
}
