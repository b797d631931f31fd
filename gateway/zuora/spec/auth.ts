/**
 * OAuth: the bearer token every other call carries.
 *
 * operationId `createToken`, POST /oauth/token (form-encoded, no Authorization header).
 * Source: chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/
 * v1-api-reference_api_operation_createtoken.md; lanxinzhao08/zuora-portal-on-mintlify :
 * static/yaml/apis/zuora-openapi-for-otc-compact.yaml (`/oauth/token`, schema `tokenResponse`).
 * Rate limited per IP (100 a minute): one token per environment, used until it expires.
 */
import { z } from 'zod'

/** The form fields, sent as `application/x-www-form-urlencoded`. */
export const createTokenRequestSchema = z.strictObject({
  // Zuora issues 36-character ids; a sandbox proxy or the simulator may use others (`demo-client`).
  client_id: z.string().min(1).max(100),
  client_secret: z.string().min(1).max(42),
  grant_type: z.literal('client_credentials'),
})
export type CreateTokenRequest = z.infer<typeof createTokenRequestSchema>

export const createTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  /** Seconds; 3599 in Zuora's sample (tokens last an hour). */
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
  jti: z.string().optional(),
})
export type CreateTokenResponse = z.infer<typeof createTokenResponseSchema>

/** Encodes the token request as the form body Zuora expects. */
export function encodeTokenRequest(request: CreateTokenRequest): URLSearchParams {
  return new URLSearchParams(createTokenRequestSchema.parse(request))
}
