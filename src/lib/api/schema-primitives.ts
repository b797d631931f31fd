/**
 * The building blocks every part of the contract shares (schemas.ts): bounded ids and texts,
 * dates within 2000-2100, ISO 4217 money, prices that stay exact times any quantity, the error body.
 */
// zod/mini: the same schemas as zod's classic API at a fraction of the bundle (see docs/performance.md).
import { z } from 'zod/mini'
import { boundedDate, boundedDateTime, MAX_PRICE_MINOR, MAX_QUANTITY } from './contract-bounds'
import { currencyCodes } from './currencies'

// Lengths the pages assume (a name fits a heading, an id fits an address); far above real data.
export const id = z.string().check(z.minLength(1), z.maxLength(200))
export const name = z.string().check(z.maxLength(200))
export const text = z.string().check(z.maxLength(2_000))
export const isoDateTime = boundedDateTime()
export const isoDate = boundedDate()

/** An ISO 4217 code from a fixed list: Intl.NumberFormat throws on a malformed one. */
export const currencySchema = z.enum(currencyCodes)

/** Money in minor units as ISO 4217 defines them for the currency (cents, for most) so that sums are exact; signed, for credits and prorations (z.int is a safe integer). */
export const moneySchema = z.object({
  amountMinor: z.int(),
  currency: currencySchema,
})
export type Money = z.infer<typeof moneySchema>

/** A price: never negative, and small enough that price × quantity stays exact. */
export const priceSchema = z.object({
  amountMinor: z.int().check(z.minimum(0), z.maximum(MAX_PRICE_MINOR)),
  currency: currencySchema,
})

export const quantity = (min: number) => z.int().check(z.minimum(min), z.maximum(MAX_QUANTITY))

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field path to message, for 400/422 answers to a form. */
    fields: z.optional(z.record(z.string(), z.string())),
    /** A finer cause where one code has several (402 `payment_declined`: why the card was declined). */
    reason: z.optional(z.string().check(z.maxLength(100))),
  }),
})
export type ApiErrorBody = z.infer<typeof apiErrorSchema>
