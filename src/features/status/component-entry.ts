import type { BillingStatus, ComponentHealth, Locale } from '@/lib/api/schemas'
import type { Translate } from '@/lib/i18n/define-messages'
import { componentEntryKey, componentNameKey, ownComponentNameKey } from './status-labels'
import type { statusMessages } from './status-messages'

type Component = BillingStatus['components'][number]
type Entry = BillingStatus['timeline'][number]
type StatusT = Translate<Extract<keyof typeof statusMessages.messages.en, string>>

/** The server writes its report, names and timeline, in English. */
const serverLocale: Locale = 'en'

/** A component as the app names it in the admin's language, or as the server does when the app does not know it. */
export function componentNameIn(t: StatusT, component: Component): string {
  const key = component.capability ? componentNameKey[component.capability] : ownComponentNameKey[component.id]
  return key ? t(key) : component.name
}

/**
 * Which component a server-written entry is about, and the health it reports, when it has the shape
 * the gateway gives it (gateway/runtime.ts `componentEntryMessage`): "<name>: down (<evidence>).",
 * "<name>: degraded (<evidence>)." or "<name>: answering normally again.", <name> being the
 * component's name in the same report. Anything else (an older or truncated entry) is null.
 */
export function readComponentEntry(
  message: string,
  components: readonly Component[],
): { component: Component; health: ComponentHealth } | null {
  for (const component of components) {
    const prefix = `${component.name}: `
    if (!message.startsWith(prefix)) continue
    const said = message.slice(prefix.length)
    if (said === 'answering normally again.') return { component, health: 'operational' }
    for (const health of ['down', 'degraded'] as const)
      if (said.startsWith(`${health} (`) && said.endsWith(').')) return { component, health }
  }
  return null
}

/**
 * An entry's text in the admin's language. The operators' messages are free text, shown as written.
 * A component entry the app can read is said in the admin's language, without the health check's
 * evidence (English detail for operators, who also have it in the gateway's log); an English
 * reader gets the server's own sentence, evidence included. One the app cannot read is shown as written.
 */
export function timelineTextIn(locale: Locale, t: StatusT, entry: Entry, components: readonly Component[]): string {
  if (entry.kind !== 'component' || locale === serverLocale) return entry.message
  const read = readComponentEntry(entry.message, components)
  return read ? t(componentEntryKey[read.health], { component: componentNameIn(t, read.component) }) : entry.message
}
