/**
 * The maintenance form's text values to the API's input. `<input type="datetime-local">` speaks
 * the admin's local wall time without a zone; the API wants an instant (ISO with offset).
 */
import type { Maintenance, MaintenanceInput } from '@/lib/api/schemas'
import { maintenanceInputSchema } from '@/lib/api/schemas'

export type Reason = NonNullable<Maintenance['reason']>
export const reasons: readonly Reason[] = ['provider_outage', 'scheduled', 'other']

export type MaintenanceFormValues = { message: string; reason: Reason; nextUpdate: string }
export type MaintenanceFieldErrors = Partial<Record<'message' | 'nextUpdate', true>>

const pad = (n: number) => String(n).padStart(2, '0')

/** An instant as the local wall time a datetime-local input shows. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
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
    ? { enabled, message: values.message, reason: values.reason, nextUpdateAt }
    : { enabled, message: values.message }
  const parsed = maintenanceInputSchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'message') errors.message = true
      if (issue.path[0] === 'nextUpdateAt') errors.nextUpdate = true
    }
  }
  if (errors.message || errors.nextUpdate) return { ok: false, errors }
  return { ok: true, input }
}
