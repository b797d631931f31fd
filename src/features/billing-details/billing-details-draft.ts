/**
 * The unsaved form, kept in this tab's sessionStorage (per user and account) so that a reload or
 * a short outage does not lose what the admin typed. It holds no payment data. What is read back
 * is validated: anything that does not match is dropped, never shown half-parsed.
 */
import { z } from 'zod/mini'
import { fieldPaths, type FormValues } from './form-values'

const draftSchema = z.object({
  version: z.literal(1),
  values: z.record(z.enum(fieldPaths), z.string().check(z.maxLength(1000))),
})

export const draftKey = (userId: string, accountId: string) => `billing-details-draft:${userId}:${accountId}`

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null
  } catch {
    return null // storage disabled by the browser: the form still works, without a draft
  }
}

export function readDraft(key: string): FormValues | null {
  try {
    const raw = storage()?.getItem(key)
    if (!raw) return null
    const parsed = draftSchema.safeParse(JSON.parse(raw))
    if (parsed.success) return parsed.data.values
  } catch {
    // not JSON: fall through and drop it
  }
  clearDraft(key)
  return null
}

export function writeDraft(key: string, values: FormValues): void {
  try {
    storage()?.setItem(key, JSON.stringify({ version: 1, values } satisfies z.input<typeof draftSchema>))
  } catch {
    // quota or privacy mode: losing the draft is better than breaking the form
  }
}

export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(key)
  } catch {
    // nothing to clear
  }
}
