import type { Capability } from '@/lib/api/schemas'
import { defineMessages } from '@/lib/i18n/define-messages'

export const availabilityMessages = defineMessages({
  en: {
    blockedByRole: 'Only a billing admin can do this. Ask one of your billing admins.',
    blockedByRoleOperator: 'Only a billing operator can do this.',
    blockedByOperators: 'Paused: billing is in maintenance. {message}',
    blockedByBreaker: 'Paused: our billing provider is not responding. Changes come back on their own when it recovers.',
    blockedByHealthReport: 'Paused: our health check reports the billing provider down. Changes come back on their own when it recovers.',
    blockedCapability: 'Unavailable: {capability} cannot be reached right now. We retry automatically.',
    capability_subscription: 'subscriptions and orders',
    capability_invoices: 'invoices and PDFs',
    capability_payments: 'payment methods',
    capability_billingDetails: 'billing contacts',
  },
  'pt-BR': {
    blockedByRole: 'Só um administrador de faturamento pode fazer isto. Peça a um deles.',
    blockedByRoleOperator: 'Só um operador de faturamento pode fazer isto.',
    blockedByOperators: 'Pausado: o faturamento está em manutenção. {message}',
    blockedByBreaker: 'Pausado: nosso provedor de faturamento não está respondendo. As alterações voltam sozinhas quando ele se recuperar.',
    blockedByHealthReport: 'Pausado: nossa verificação de saúde indica o provedor de faturamento fora do ar. As alterações voltam sozinhas quando ele se recuperar.',
    blockedCapability: 'Indisponível: {capability} não pode ser acessado agora. Tentamos de novo automaticamente.',
    capability_subscription: 'assinaturas e pedidos',
    capability_invoices: 'faturas e PDFs',
    capability_payments: 'formas de pagamento',
    capability_billingDetails: 'contatos de cobrança',
  },
})

export const capabilityKey = (capability: Capability) => `capability_${capability}` as const
