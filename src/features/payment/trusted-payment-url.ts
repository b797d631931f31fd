/**
 * The one check before the browser is sent to the payment page the API named: the admin leaves the
 * app for it, so an address the API should never have sent (`javascript:`, `data:`, another site,
 * plain http, garbage) must not be followed, whoever put it there.
 */
import { paymentOrigins } from '@/config/env'

export type UntrustedReason = 'malformed' | 'scheme' | 'origin'

export type PaymentUrlCheck =
  /** `url`: the address as checked (absolute), the one to follow. */
  | { trusted: true; url: string }
  /** `target`: what was refused, safe to report (a scheme or an origin, never the whole address). */
  | { trusted: false; reason: UntrustedReason; target: string | null }

export type PaymentUrlPolicy = {
  /** The app's own origin: relative addresses resolve against it. */
  appOrigin: string
  /** https origins of the provider's page (VITE_PAYMENT_ORIGINS). */
  allowedOrigins: readonly string[]
  /**
   * Development, test and demo builds only: the path of the simulated hosted page (the in-page
   * gateway's, under /api). The app's own origin is then trusted too, and that page alone may also
   * be on plain http (a local server).
   */
  mockPagePath: RegExp | null
}

/** This build's policy. The mock page's path exists only where mocks do (dropped from production). */
export const paymentUrlPolicy = (): PaymentUrlPolicy => ({
  appOrigin: window.location.origin,
  allowedOrigins: paymentOrigins,
  mockPagePath: __MOCKS__ ? /^\/api\/payment-pages\/[\w-]+$/ : null,
})

export function checkPaymentUrl(raw: unknown, policy: PaymentUrlPolicy = paymentUrlPolicy()): PaymentUrlCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { trusted: false, reason: 'malformed', target: null }
  let url: URL
  try {
    url = new URL(raw, policy.appOrigin)
  } catch {
    return { trusted: false, reason: 'malformed', target: null }
  }
  // A payment page needs no credentials in its address; `https://pay.example@evil.example` is a lure.
  if (url.username !== '' || url.password !== '') return { trusted: false, reason: 'malformed', target: null }

  const mockPage =
    policy.mockPagePath !== null && url.origin === policy.appOrigin && policy.mockPagePath.test(url.pathname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && mockPage))
    return { trusted: false, reason: 'scheme', target: url.protocol }

  const trustedOrigins =
    policy.mockPagePath === null ? policy.allowedOrigins : [...policy.allowedOrigins, policy.appOrigin]
  if (!trustedOrigins.includes(url.origin)) return { trusted: false, reason: 'origin', target: url.origin }
  return { trusted: true, url: url.href }
}
