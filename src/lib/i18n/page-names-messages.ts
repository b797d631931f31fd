import { defineMessages } from './define-messages'

/** Each page's name, said the same in the navigation, in its heading and in links to it. */
export const pageNames = defineMessages({
  en: {
    subscription: 'Subscription',
    plans: 'Plans and add-ons',
    cart: 'Cart',
    invoices: 'Invoices',
    paymentMethod: 'Payment method',
    billingDetails: 'Billing details',
    status: 'Billing status',
  },
  'pt-BR': {
    subscription: 'Assinatura',
    plans: 'Planos e complementos',
    cart: 'Carrinho',
    invoices: 'Faturas',
    paymentMethod: 'Forma de pagamento',
    billingDetails: 'Dados de cobrança',
    status: 'Status do faturamento',
  },
})
