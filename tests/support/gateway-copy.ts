/**
 * Answers from the billing gateway's copy (docs/decisions/026) and the "as of" line the app writes
 * for them, as an admin reads it.
 */
import { HttpResponse, type JsonBodyType } from 'msw'

/** An answer from the gateway's copy, fetched from the provider at `asOf` (or with any header value). */
export const fromCopy = (body: JsonBodyType, asOf: number | string) =>
  HttpResponse.json(body, {
    headers: { 'X-Billing-Copy-As-Of': typeof asOf === 'number' ? new Date(asOf).toISOString() : asOf },
  })

export const asOfTime = (asOf: number) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(asOf)

/** The "as of" line the app writes for saved data. */
export const asOfLine = (asOf: number, ago: string) => `Saved data as of ${asOfTime(asOf)} (${ago}).`
