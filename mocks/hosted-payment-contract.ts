/**
 * The simulated provider's hosted payment page and the endpoint it posts to. The dev-only page
 * (`/__mock/hosted-payment?session=…&returnUrl=…`) reads the session, shows a card form, posts the
 * card here and then sends the browser to `returnUrl`. Only this file is shared with that page.
 *
 * Errors are shaped as the billing API's (`{ error: { code, message, fields? } }`): 404 for an
 * unknown or expired session, 422 with `fields` (cardNumber, expMonth, expYear, holderName).
 */
import { z } from 'zod'
import { cardSchema } from '../src/lib/api/schemas'

/** Where the billing API sends the browser to type the card (a route of the dev app). */
export const hostedPaymentPagePath = '/__mock/hosted-payment'

/** The provider endpoint for one session: GET describes the session, POST submits the card. */
export const hostedPaymentApiPath = (sessionId: string): string =>
  `/mock-provider/hosted-payment/${encodeURIComponent(sessionId)}`

/** MSW path of the same endpoint; the handlers answer it on the app's own origin only. */
export const hostedPaymentApiPattern = '/mock-provider/hosted-payment/:sessionId'

export const hostedCardInputSchema = z.object({
  /** Digits, spaces and dashes allowed: "4242 4242 4242 4242". */
  cardNumber: z.string().trim().min(1, 'Enter the card number.').max(30),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  holderName: z.string().trim().min(1, 'Enter the name on the card.').max(120),
})
export type HostedCardInput = z.infer<typeof hostedCardInputSchema>

/** GET answer: what the page needs to show before the card is typed. */
export const hostedPaymentSessionSchema = z.object({
  sessionId: z.string(),
  accountName: z.string(),
  returnUrl: z.string(),
  expiresAt: z.string(),
})
export type HostedPaymentSession = z.infer<typeof hostedPaymentSessionSchema>

/** POST answer: the card as stored (no full number), and where to go next. */
export const hostedPaymentResultSchema = z.object({
  status: z.literal('succeeded'),
  card: cardSchema,
  returnUrl: z.string(),
})
export type HostedPaymentResult = z.infer<typeof hostedPaymentResultSchema>
