import type { Capability } from '@/lib/api/schemas'
import { defineMessages } from '@/lib/i18n/define-messages'

/**
 * Why a control is disabled, in a few words: each control says it beneath itself, so the page
 * repeats it once per control. The whole story (the operators' message, what still works, when
 * it comes back) is told once, in the availability banner.
 */
export const availabilityMessages = defineMessages({
  en: {
    blockedByRole: 'Only billing admins can change this',
    blockedByRoleOperator: 'Only billing operators can do this',
    blockedByOperators: 'Paused: billing is in maintenance',
    blockedByBreaker: 'Paused: the billing provider is not responding',
    blockedByHealthReport: 'Paused: the billing provider is unavailable',
    blockedCapability: 'Unavailable: {capability} cannot be reached right now. We retry automatically.',
    capability_subscription: 'subscriptions and orders',
    capability_invoices: 'invoices and PDFs',
    capability_payments: 'payment methods',
    capability_billingDetails: 'billing contacts',
  },
  'pt-BR': {
    blockedByRole: 'Só administradores de faturamento podem alterar isto',
    blockedByRoleOperator: 'Só operadores de faturamento podem fazer isto',
    blockedByOperators: 'Pausado: o faturamento está em manutenção',
    blockedByBreaker: 'Pausado: o provedor de faturamento não está respondendo',
    blockedByHealthReport: 'Pausado: o provedor de faturamento está indisponível',
    blockedCapability: 'Indisponível: {capability} não pode ser acessado agora. Tentamos de novo automaticamente.',
    capability_subscription: 'assinaturas e pedidos',
    capability_invoices: 'faturas e PDFs',
    capability_payments: 'formas de pagamento',
    capability_billingDetails: 'contatos de cobrança',
  },
})

export const capabilityKey = (capability: Capability) => `capability_${capability}` as const
