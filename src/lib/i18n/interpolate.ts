import type { Locale } from '@/lib/api/schemas'

export type Vars = Record<string, string | number>

const pluralRules = new Map<Locale, Intl.PluralRules>()
const rulesFor = (locale: Locale) => {
  let rules = pluralRules.get(locale)
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)))
  return rules
}

/**
 * Fills a message: `{name}` becomes `vars.name`; `{count, plural, one {…} other {…}}` becomes the
 * form the language's plural rules pick for `vars.count` (an exact `=0 {…}` first, then the
 * category, then `other`), with `#` inside it standing for `vars.count` as given (callers pass it
 * already formatted when it needs grouping: `{ count: 1200, countText: '1,200' }` uses `#` for
 * countText when present). A placeholder with no value is left as written, so a missing value
 * shows up in review instead of disappearing.
 */
export function interpolate(text: string, vars: Vars | undefined, locale: Locale): string {
  if (!vars) return text
  return replacePlurals(text, vars, locale).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  )
}

function replacePlurals(text: string, vars: Vars, locale: Locale): string {
  let out = ''
  let from = 0
  const opening = /\{(\w+), plural,/g
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    const end = closingBrace(text, match.index)
    if (end < 0) break
    const name = match[1]!
    const forms = parseForms(text.slice(match.index + match[0].length, end))
    const count = Number(vars[name])
    const shown = String(vars[`${name}Text`] ?? vars[name] ?? '#')
    const form =
      (Number.isFinite(count) ? (forms.get(`=${count}`) ?? forms.get(rulesFor(locale).select(count))) : undefined) ??
      forms.get('other') ??
      ''
    out += text.slice(from, match.index) + form.replace(/#/g, shown)
    from = end + 1
    opening.lastIndex = end + 1
  }
  return out + text.slice(from)
}

/** Index of the brace closing the one opened at `start`, or -1. */
function closingBrace(text: string, start: number): number {
  let depth = 0
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return -1
}

/** `one {# seat} other {# seats}` → one → '# seat', other → '# seats'. */
function parseForms(body: string): Map<string, string> {
  const forms = new Map<string, string>()
  const selector = /\s*(=?\w+)\s*\{/g
  for (let match = selector.exec(body); match; match = selector.exec(body)) {
    const open = match.index + match[0].length - 1
    const close = closingBrace(body, open)
    if (close < 0) break
    forms.set(match[1]!, body.slice(open + 1, close))
    selector.lastIndex = close + 1
  }
  return forms
}
