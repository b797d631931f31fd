/**
 * The unsaved form, kept in this tab's sessionStorage (per user and account) so that a reload or
 * a short outage does not lose what the admin typed. It holds no payment data. What is read back
 * is validated: anything that does not match is dropped, never shown half-parsed.
 */
import { z } from 'zod/mini'
import { fieldPaths, type FormValues } from './form-values'

const draftText = z.string().check(z.maxLength(1000))

// Version 2 added who receives invoices; a version 1 draft is dropped (saving it would clear them).
const draftSchema = z.object({
  version: z.literal(2),
  values: z.record(z.enum(fieldPaths), draftText),
  recipients: z.nullable(
    z.object({ emailInvoices: z.boolean(), additional: z.array(draftText).check(z.maxLength(200)) }),
  ),
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
    if (parsed.success) return { ...parsed.data.values, recipients: parsed.data.recipients }
  } catch {
    // not JSON: fall through and drop it
  }
  clearDraft(key)
  return null
}

export function writeDraft(key: string, values: FormValues): void {
  try {
    const { recipients, ...text } = values
    const draft: z.input<typeof draftSchema> = { version: 2, values: text, recipients }
    storage()?.setItem(key, JSON.stringify(draft))
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
