import { http } from 'msw'
import { hostedCardInputSchema, hostedPaymentApiPattern, type HostedPaymentResult } from '../hosted-payment-contract'
import { db } from '../db'
import { json, onMockOrigin, param, readBody, route } from './http'

/**
 * The provider's side of the hosted payment page. It is not the billing API: no app session is
 * needed, the session id in the path is the credential, as on a real provider's page.
 */
export const hostedPaymentHandlers = [
  http.get(
    onMockOrigin(hostedPaymentApiPattern),
    route((info) => json(db.getHostedPaymentSession(param(info, 'sessionId')))),
  ),

  http.post(
    onMockOrigin(hostedPaymentApiPattern),
    route(async (info) => {
      const sessionId = param(info, 'sessionId')
      const { returnUrl } = db.getHostedPaymentSession(sessionId) // 404 before looking at the card
      const input = await readBody(info.request, hostedCardInputSchema)
      const method = db.completeHostedPayment(sessionId, input)
      if (!method.card) throw new Error('A completed payment always stores a card')
      const result: HostedPaymentResult = { status: 'succeeded', card: method.card, returnUrl }
      return json(result)
    }),
  ),
]
