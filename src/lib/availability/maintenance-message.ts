import type { Locale, Maintenance } from '@/lib/api/schemas'

/**
 * The operators' maintenance message as an admin reads it: in the admin's language when the
 * operators wrote one, else the default they gave (`message`), else whichever language they wrote.
 * A flag from a server (or a saved cache) older than `messages` has only `message`.
 */
export function maintenanceMessageIn(locale: Locale, flag: Pick<Maintenance, 'message' | 'messages'>): string | null {
  const messages = flag.messages ?? {}
  return messages[locale] || flag.message || Object.values(messages).find(Boolean) || null
}
