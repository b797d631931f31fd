/** Where the billing API lives. A production build sets VITE_API_BASE_URL; mocks answer `/api`. */
export const apiBaseUrl = (import.meta.env.VITE_API_BASE_URL || '/api').replace(/\/+$/, '')

/**
 * The origins the billing provider's hosted payment page may be on: VITE_PAYMENT_ORIGINS, a
 * comma-separated list of `https://` origins (`https://pay.provider.example`), set at build time.
 * The app sends the admin to a payment page only on one of these
 * (features/payment/trusted-payment-url.ts); development, test and demo builds also trust their
 * own origin, where the simulated page lives. Entries that are not https URLs are ignored.
 */
export const paymentOrigins: readonly string[] = parseOrigins(import.meta.env.VITE_PAYMENT_ORIGINS)

export function parseOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '').split(',').flatMap((entry) => {
    try {
      const url = new URL(entry.trim())
      return url.protocol === 'https:' && url.username === '' && url.password === '' ? [url.origin] : []
    } catch {
      return []
    }
  })
  return [...new Set(origins)]
}
