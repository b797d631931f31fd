import { http } from 'msw'
import { paymentSessionInputSchema } from '../../src/lib/api/schemas'
import { db } from '../db'
import { api, json, readBody, refuseDuringMaintenance, requireBillingAdmin, requireSession, route } from './http'

/** The app reads the safe part of the card and opens a hosted-page session; it never sends a card. */
export const paymentMethodHandlers = [
  http.get(
    api('/payment-method'),
    route(() => json(db.getPaymentMethod(requireSession().accountId))),
  ),

  http.post(
    api('/payment-method/sessions'),
    route(async ({ request }) => {
      const { accountId } = requireBillingAdmin()
      refuseDuringMaintenance()
      const { returnUrl } = await readBody(request, paymentSessionInputSchema)
      return json(db.createPaymentSession(accountId, returnUrl), 201)
    }),
  ),
]
