/**
 * How a capability's breaker is kept in localStorage, where every tab reads it and a reload finds
 * it: the format, checked before use (shared-breaker.ts), and a writer for seeds and tests.
 */
import { CircuitState } from 'cockatiel'
import { z } from 'zod/mini'
import type { Capability } from '@/lib/api/schemas'

export const breakerStorageKey = (capability: Capability) => `billing-breaker:${capability}`

export const storedSchema = z.object({
  version: z.literal(2),
  cockatiel: z.object({
    ownState: z.object({
      value: z.union([z.literal(CircuitState.Closed), z.literal(CircuitState.Open)]),
      openedAt: z.optional(z.number().check(z.nonnegative())),
      attemptNo: z.optional(z.int().check(z.minimum(1), z.maximum(64))),
    }),
    breakerState: z.unknown(),
  }),
  incidentId: z.nullable(z.string().check(z.maxLength(100))),
  since: z.nullable(z.number()),
  /** No trial before this (ms): the provider's Retry-After, shared so that no tab calls sooner. */
  notBefore: z.optional(z.number()),
  writtenAt: z.number(),
})
export type Stored = z.infer<typeof storedSchema>

/** A stored entry as an earlier visit or another tab would leave it (gallery seeds, tests). */
export function storedBreaker(state: {
  openedAt: number
  attemptNo?: number
  incidentId: string
  since: number
  now: number
}): string {
  const stored: Stored = {
    version: 2,
    cockatiel: {
      ownState: { value: CircuitState.Open, openedAt: state.openedAt, attemptNo: state.attemptNo ?? 1 },
      breakerState: null,
    },
    incidentId: state.incidentId,
    since: state.since,
    writtenAt: state.now,
  }
  return JSON.stringify(stored)
}
