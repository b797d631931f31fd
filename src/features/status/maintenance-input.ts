/**
 * The maintenance form's text values to the API's input. `<input type="datetime-local">` speaks
 * the admin's local wall time without a zone; the API wants an instant (ISO with offset).
 */
import type { Locale, Maintenance, MaintenanceInput } from '@/lib/api/schemas'
import { localeSchema, maintenanceInputSchema } from '@/lib/api/schemas'

export type Reason = NonNullable<Maintenance['reason']>
export const reasons: readonly Reason[] = ['provider_outage', 'scheduled', 'other']

/** Operators write the message in each language the app speaks (one is enough). */
export const messageLanguages: readonly Locale[] = localeSchema.options

export type MaintenanceFormValues = { messages: Record<Locale, string>; reason: Reason; nextUpdate: string }
export type MaintenanceFieldErrors = { messages?: Partial<Record<Locale, true>>; nextUpdate?: true }

export const noMessages = (): Record<Locale, string> => ({ en: '', 'pt-BR': '' })

const pad = (n: number) => String(n).padStart(2, '0')

/** An instant as the local wall time a datetime-local input shows. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * The languages written, and the default: the first of them (English before Portuguese), which
 * admins in a language left empty read. Sent as `message` too, so a server that knows only the
 * default still gets one.
 */
function messagesOf(values: MaintenanceFormValues): Pick<MaintenanceInput, 'message' | 'messages'> {
  const written = messageLanguages.filter((locale) => values.messages[locale].trim() !== '')
  if (written.length === 0) return {}
  const messages = Object.fromEntries(written.map((locale) => [locale, values.messages[locale]]))
  return { message: values.messages[written[0]!], messages }
}

/** Which field an issue of the API's input (or its `fields`) belongs to; a missing message to the first language's. */
export function fieldOfIssue(path: string): Locale | 'nextUpdate' | null {
  if (path === 'message') return messageLanguages[0]!
  const locale = messageLanguages.find((candidate) => path === `messages.${candidate}`)
  if (locale) return locale
  return path === 'nextUpdateAt' ? 'nextUpdate' : null
}

export function toMaintenanceInput(
  enabled: boolean,
  values: MaintenanceFormValues,
  now: number,
): { ok: true; input: MaintenanceInput } | { ok: false; errors: MaintenanceFieldErrors } {
  const errors: MaintenanceFieldErrors = {}
  let nextUpdateAt: string | null = null
  if (enabled && values.nextUpdate.trim() !== '') {
    // Without a zone, Date reads "YYYY-MM-DDTHH:mm" as local time: the zone the hint names.
    const at = new Date(values.nextUpdate)
    if (Number.isNaN(at.getTime()) || at.getTime() <= now) errors.nextUpdate = true
    else nextUpdateAt = at.toISOString()
  }
  const input: MaintenanceInput = enabled
    ? { enabled, ...messagesOf(values), reason: values.reason, nextUpdateAt }
    : { enabled, ...messagesOf(values) }
  const parsed = maintenanceInputSchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfIssue(issue.path.map(String).join('.'))
      if (field === 'nextUpdate') errors.nextUpdate = true
      else if (field !== null) errors.messages = { ...errors.messages, [field]: true }
    }
  }
  if (errors.messages || errors.nextUpdate) return { ok: false, errors }
  return { ok: true, input }
}
