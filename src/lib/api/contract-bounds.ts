/**
 * The bounds of the billing API's values: what the pages assume of an answer, so that the contract
 * (schemas.ts) refuses anything outside them and a section says "unexpected answer" instead of
 * showing nonsense or throwing while it formats it.
 */
import { z } from 'zod/mini'

/** The most seats a subscription may have: the seat form and the cart refuse more, too. */
export const MAX_SEATS = 100_000

/** An add-on's quantity: per-seat add-ons follow the seats, so they share the seat limit. */
export const MAX_QUANTITY = MAX_SEATS

/** A unit price small enough that price × quantity (an add-on's line total) is still an exact integer. */
export const MAX_PRICE_MINOR = Math.floor(Number.MAX_SAFE_INTEGER / MAX_QUANTITY)

// Calendar dates from 2000-01-01 to 2100-12-31 (leap days included): a renewal in 9021 is a
// broken answer, not a date to show. One pattern, so that docs/openapi.json carries it whole.
const YEAR = '(?:20\\d\\d|2100)'
const LEAP_DAY = '20(?:0[048]|[2468][048]|[13579][26])-02-29'
const MONTH_DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))'
const DATE = `(?:${LEAP_DAY}|${YEAR}-${MONTH_DAY})`
// The timestamps the API sends: seconds, optional fraction, and Z or an offset (as z.iso.datetime({ offset: true })).
const TIME = 'T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)'

/** A calendar date (YYYY-MM-DD) within the bounds. */
export const boundedDate = () => z.stringFormat('date', new RegExp(`^${DATE}$`))

/** A timestamp with its offset, within the bounds. A new instance each call, so each can carry its own description. */
export const boundedDateTime = () => z.stringFormat('date-time', new RegExp(`^${DATE}${TIME}$`))
