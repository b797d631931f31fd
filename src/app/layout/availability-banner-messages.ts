import { defineMessages } from '@/lib/i18n/define-messages'

export const bannerMessages = defineMessages({
  en: {
    maintenanceTitle: 'Billing is in maintenance',
    maintenanceSince: 'Since {time}.',
    nextUpdate: 'Next update by {time}.',
    autoMaintenanceTitle: 'Billing is unavailable: changes are paused',
    autoMaintenanceLead:
      'Our billing provider is not responding, so we switched billing to maintenance automatically at {time}. We check again every few seconds and turn changes back on by ourselves.',
    stillWorks: 'You can still see your subscription and invoices (from saved data), and fill your cart: nothing you do is lost.',
    degradedTitle: 'Some billing features are unavailable',
    degradedLead: 'Not responding right now: {list}. Everything else works.',
    statusUnknownTitle: 'We cannot check billing status right now',
    statusUnknownLead: 'Some information may be out of date. We keep checking.',
    recoveredTitle: 'Billing is back',
    recoveredLead: 'Changes are enabled again and pages have been refreshed.',
    resumeCart: 'Resume your purchase ({count} in cart)',
    statusLink: 'Billing status',
    and: ' and ',
  },
  'pt-BR': {
    maintenanceTitle: 'O faturamento está em manutenção',
    maintenanceSince: 'Desde {time}.',
    nextUpdate: 'Próxima atualização até {time}.',
    autoMaintenanceTitle: 'O faturamento está indisponível: alterações pausadas',
    autoMaintenanceLead:
      'Nosso provedor de faturamento não está respondendo, então colocamos o faturamento em manutenção automaticamente às {time}. Verificamos de novo a cada poucos segundos e reativamos as alterações sozinhos.',
    stillWorks: 'Você ainda pode ver sua assinatura e faturas (dos dados salvos) e montar seu carrinho: nada do que você faz se perde.',
    degradedTitle: 'Alguns recursos do faturamento estão indisponíveis',
    degradedLead: 'Sem resposta no momento: {list}. Todo o resto funciona.',
    statusUnknownTitle: 'Não conseguimos verificar o status do faturamento agora',
    statusUnknownLead: 'Algumas informações podem estar desatualizadas. Continuamos verificando.',
    recoveredTitle: 'O faturamento voltou',
    recoveredLead: 'As alterações foram reativadas e as páginas, atualizadas.',
    resumeCart: 'Retomar sua compra ({count} no carrinho)',
    statusLink: 'Status do faturamento',
    and: ' e ',
  },
})
