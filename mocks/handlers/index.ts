import { accountHandlers } from './account'
import { alertHandlers } from './alerts'
import { billingDetailsHandlers } from './billing-details'
import { catalogHandlers } from './catalog'
import { changeRequestHandlers } from './change-requests'
import { hostedPaymentHandlers } from './hosted-payment'
import { invoiceHandlers } from './invoices'
import { orderHandlers } from './orders'
import { paymentMethodHandlers } from './payment-method'
import { quoteHandlers } from './quotes'
import { sessionHandlers } from './session'
import { statusHandlers } from './status'
import { subscriptionHandlers } from './subscription'

/** Every endpoint of the billing API (contract.ts), plus the simulated provider's payment page. */
export const handlers = [
  ...sessionHandlers,
  ...accountHandlers,
  ...statusHandlers,
  ...catalogHandlers,
  ...alertHandlers,
  ...changeRequestHandlers,
  ...subscriptionHandlers,
  ...quoteHandlers,
  ...orderHandlers,
  ...invoiceHandlers,
  ...paymentMethodHandlers,
  ...billingDetailsHandlers,
  ...hostedPaymentHandlers,
]
