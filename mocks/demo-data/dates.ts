/**
 * Calendar helpers in UTC. Billing dates are plain ISO dates (YYYY-MM-DD) so that a renewal date
 * does not move with the viewer's time zone; only timestamps carry a time.
 */
const DAY_MS = 86_400_000

export const isoDate = (date: Date): string => date.toISOString().slice(0, 10)

const parseIsoDate = (value: string): Date => new Date(`${value}T00:00:00.000Z`)

export const addDays = (value: string, days: number): string =>
  isoDate(new Date(parseIsoDate(value).getTime() + days * DAY_MS))

export const daysBetween = (from: string, to: string): number =>
  Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / DAY_MS)

/** Same day of month `months` later, clamped to the month's last day (Jan 31 + 1 → Feb 28). */
export function addMonths(value: string, months: number): string {
  const date = parseIsoDate(value)
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay))
  return isoDate(target)
}

/** The monthly period that contains `today`, for a subscription renewing on `anchorDay` (1-28). */
export function monthlyPeriodAround(today: string, anchorDay: number): { start: string; end: string } {
  const date = parseIsoDate(today)
  let start = isoDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), anchorDay)))
  if (start > today) start = addMonths(start, -1)
  return { start, end: addMonths(start, 1) }
}
