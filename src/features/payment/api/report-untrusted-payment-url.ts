import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { PaymentUrlCheck } from '../trusted-payment-url'

/**
 * Tells the operators (the alert intake) that the API sent a payment page address the app refused:
 * a misconfiguration or an attack, either way theirs to look at. Reports of one day and one reason
 * fold into one alert that counts them; the address itself is not sent, only its scheme or origin.
 */
export function reportUntrustedPaymentUrl(check: Extract<PaymentUrlCheck, { trusted: false }>, now = new Date()): void {
  const occurredAt = now.toISOString()
  const detail = `payment.untrustedRedirect: ${check.reason}${check.target ? ` ${check.target}` : ''}`.slice(0, 500)
  callApi(endpoints.postAlert, {
    body: {
      kind: 'blocked_action',
      capability: 'payments',
      incidentId: `payment-untrusted-redirect-${check.reason}-${occurredAt.slice(0, 10)}`,
      occurredAt,
      detail,
    },
    keepalive: true,
  }).catch(() => {
    // The intake is the vendor's own API; if it is down too there is nobody to tell.
  })
}
