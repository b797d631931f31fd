/**
 * The vendor's own endpoints (session, account, status and maintenance, catalog, alerts): they stay
 * up when the billing provider fails. Part of the contract (schemas.ts).
 */
import { z } from 'zod/mini'
import { boundedDateTime, MAX_SEATS } from './contract-bounds'
import { currencySchema, id, isoDateTime, name, priceSchema, quantity, text } from './schema-primitives'

// ---------------------------------------------------------------- own endpoints (stay up)

const roleSchema = z.enum(['billing_admin', 'admin', 'operator'])
export type Role = z.infer<typeof roleSchema>

export const localeSchema = z.enum(['en', 'pt-BR'])
export type Locale = z.infer<typeof localeSchema>

const accountRefSchema = z.object({ id, name })

export const meSchema = z.object({
  user: z.object({ id, name, email: z.email(), role: roleSchema }),
  account: accountRefSchema,
  /** Accounts this user may switch to (including the current one). */
  accounts: z.array(accountRefSchema).check(z.minLength(1)),
  locale: localeSchema,
})
export type Me = z.infer<typeof meSchema>

/**
 * The gateway checks the password against the directory's scrypt hash; the simulated backend signs
 * its demo users in by email alone and ignores one. Bounded: hashing a megabyte is a cheap attack.
 */
export const signInInputSchema = z.object({
  email: z.email(),
  password: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
})
export type SignInInput = z.infer<typeof signInInputSchema>

export const switchAccountInputSchema = z.object({ accountId: id })

export const accountSchema = z.object({
  id,
  name,
  agentsInUse: z.int().check(z.minimum(0), z.maximum(MAX_SEATS)),
  createdAt: isoDateTime,
})
export type Account = z.infer<typeof accountSchema>

/** Provider capabilities: each has its own breaker and degrades its own sections only. */
export const capabilitySchema = z.enum(['subscription', 'invoices', 'payments', 'billingDetails'])
export type Capability = z.infer<typeof capabilitySchema>

const componentHealthSchema = z.enum(['operational', 'degraded', 'down'])
export type ComponentHealth = z.infer<typeof componentHealthSchema>

/**
 * The operators' message in each language the app speaks. A language left out falls back to the
 * flag's `message`. Optional in the flag, so that a flag saved before it existed still reads.
 */
const maintenanceMessagesSchema = z.object({ en: z.optional(text), 'pt-BR': z.optional(text) })
export type MaintenanceMessages = z.infer<typeof maintenanceMessagesSchema>

export const maintenanceSchema = z.object({
  enabled: z.boolean(),
  reason: z.nullable(z.enum(['provider_outage', 'scheduled', 'other'])),
  /** The default message: what an admin reads when `messages` has none in their language. */
  message: z.nullable(text),
  messages: z.optional(maintenanceMessagesSchema),
  since: z.nullable(isoDateTime),
  nextUpdateAt: z.nullable(isoDateTime),
  /** Bumped each time maintenance ends: clients refetch everything when it changes. */
  generation: z.int().check(z.nonnegative()),
})
export type Maintenance = z.infer<typeof maintenanceSchema>

const statusComponentSchema = z.object({
  id,
  name,
  /** The provider capability this upstream component backs, if any. */
  capability: z.nullable(capabilitySchema),
  status: componentHealthSchema,
  // Its own instance (not the shared isoDateTime), so that it can carry its own description.
  updatedAt: boundedDateTime(),
})

export const billingStatusSchema = z.object({
  maintenance: maintenanceSchema,
  components: z.array(statusComponentSchema),
  timeline: z.array(
    z.object({
      id,
      at: isoDateTime,
      kind: z.enum(['maintenance_on', 'maintenance_off', 'update', 'component']),
      message: text,
    }),
  ),
  /** When the server's health checks last ran. */
  checkedAt: boundedDateTime(),
})
export type BillingStatus = z.infer<typeof billingStatusSchema>

/**
 * What the status report means, for docs/openapi.json: scripts/openapi.ts calls this before it
 * writes the document. Registered here rather than as `describe` checks on the schemas so that the
 * app's bundle, which never calls it, does not carry the text.
 */
export function describeBillingStatus(): void {
  const describe = (schema: z.ZodMiniType, description: string) => void z.globalRegistry.add(schema, { description })
  describe(
    billingStatusSchema,
    'The billing status report: the operators’ maintenance flag, the health of each upstream component, and what happened. ' +
      'The server checks every component at least every 5 s and publishes a change within 5 s of seeing it.',
  )
  describe(statusComponentSchema, 'An upstream component of the billing API and its health.')
  describe(
    statusComponentSchema.shape.capability,
    'The provider capability this component backs; null for the vendor’s own.',
  )
  describe(statusComponentSchema.shape.updatedAt, 'When this component’s status last changed.')
  describe(billingStatusSchema.shape.checkedAt, 'When the server’s health checks last ran.')
  describe(
    maintenanceSchema.shape.generation,
    'Bumped each time maintenance ends: clients refetch everything when it changes.',
  )
  describe(
    maintenanceSchema.shape.message,
    'The default message: what an admin reads when `messages` has none in their language.',
  )
  describe(
    maintenanceSchema.shape.messages,
    'The operators’ message in each language the app speaks; a language left out falls back to `message`. Absent from older servers.',
  )
  // The maintenance switch's input (declared below; this runs only when the script calls it).
  describe(
    maintenanceInputSchema.shape.message,
    'The default message. Required unless `messages` has one; without it the server takes `messages.en`, else `messages.pt-BR`.',
  )
  describe(
    maintenanceInputSchema.shape.messages,
    'The message in each language the app speaks; an admin whose language is left out reads the default.',
  )
  describe(
    componentHealthSchema,
    'A component’s health per the server’s checks. ' +
      '`operational`: the checks of that component pass (error rate under 1 % and p95 latency under 1 s over the last minute). ' +
      '`degraded`: it answers, but slowly (p95 ≥ 1 s) or unreliably (error rate 1–50 %): edits stay possible and clients show a notice. ' +
      '`down`: error rate ≥ 50 %, or no answer within the client’s read time-out (5 s), on consecutive checks: clients pause that ' +
      'capability’s edits at once and send it nothing until the report says otherwise.',
  )
}

const maintenanceText = z.string().check(z.trim(), z.minLength(1), z.maxLength(500))

/**
 * Operators write the message in one language or in each: `messages` per language, `message` the
 * default (optional when `messages` has one: the server then takes the English, else the other).
 */
export const maintenanceInputSchema = z
  .object({
    enabled: z.boolean(),
    message: z.optional(maintenanceText),
    messages: z.optional(z.object({ en: z.optional(maintenanceText), 'pt-BR': z.optional(maintenanceText) })),
    reason: z._default(z.enum(['provider_outage', 'scheduled', 'other']), 'other'),
    nextUpdateAt: z._default(z.nullable(isoDateTime), null),
  })
  .check(
    z.refine((input) => Boolean(input.message ?? input.messages?.en ?? input.messages?.['pt-BR']), {
      message: 'Write the message in at least one language.',
      path: ['message'],
    }),
  )
export type MaintenanceInput = z.input<typeof maintenanceInputSchema>

const planSchema = z.object({
  id,
  name,
  description: text,
  seatPrice: priceSchema,
  interval: z.enum(['month', 'year']),
  features: z.array(name).check(z.maxLength(50)),
})
export type Plan = z.infer<typeof planSchema>

const addonSchema = z.object({
  id,
  name,
  description: text,
  unitPrice: priceSchema,
  unit: z.enum(['account', 'seat', 'pack']),
  maxQuantity: quantity(1),
})
export type Addon = z.infer<typeof addonSchema>

export const catalogSchema = z.object({
  plans: z.array(planSchema),
  addons: z.array(addonSchema),
  currency: currencySchema,
})
export type Catalog = z.infer<typeof catalogSchema>

const alertKindSchema = z.enum(['breaker_open', 'breaker_closed', 'blocked_action', 'render_error'])
export const alertInputSchema = z.object({
  kind: alertKindSchema,
  /** Same id for every report of one incident, so the intake can deduplicate. */
  incidentId: id,
  capability: z.nullable(capabilitySchema),
  occurredAt: isoDateTime,
  detail: z.nullable(z.string().check(z.maxLength(500))),
})
export type AlertInput = z.infer<typeof alertInputSchema>

const alertSchema = z.extend(alertInputSchema, {
  id,
  accountId: id,
  userId: id,
  receivedAt: isoDateTime,
  /** How many reports were folded into this one (deduplicated by kind and incident). */
  count: z.int().check(z.positive()),
})
export type Alert = z.infer<typeof alertSchema>
export const alertListSchema = z.object({ alerts: z.array(alertSchema) })
