import { defineMessages } from '@/lib/i18n/define-messages'

export const bannerMessages = defineMessages({
  en: {
    maintenanceTitle: 'Billing is in maintenance',
    maintenanceSince: 'Since {time}.',
    nextUpdate: 'Next update by {time}.',
    autoMaintenanceTitle: 'Billing is unavailable: changes are paused',
    autoMaintenanceLead:
      'Our billing provider is not responding, so we switched billing to maintenance automatically at {time}. We check again every few seconds and turn changes back on by ourselves.',
    autoMaintenanceReportLead:
      'Our health check reports the billing provider down, so changes are paused. We turn them back on by ourselves as soon as it recovers.',
    stillWorks:
      'You can still see your subscription and invoices (from saved data), and fill your cart: nothing you do is lost.',
    degradedTitle: 'Some billing features are unavailable',
    degradedLead: 'Not responding right now: {list}. Everything else works.',
    slowTitle: 'Billing is slow or unreliable right now',
    slowLead: 'Answering slowly: {list}.',
    unreliableLead: 'Failing now and then: {list}.',
    slowStillWorks: 'Changes still work; they may take a little longer, and we retry for you.',
    statusUnknownTitle: 'We cannot check billing status right now',
    statusUnknownLead: 'Some information may be out of date. We keep checking.',
    recoveredTitle: 'Billing is back',
    recoveredLead:
      'Changes are enabled again. Pages refresh on their own within a few minutes; Try again on a section refreshes it now.',
    resumeCart: 'Resume your purchase ({count} in cart)',
    and: ' and ',
  },
  'pt-BR': {
    maintenanceTitle: 'O faturamento está em manutenção',
    maintenanceSince: 'Desde {time}.',
    nextUpdate: 'Próxima atualização até {time}.',
    autoMaintenanceTitle: 'O faturamento está indisponível: alterações pausadas',
    autoMaintenanceLead:
      'Nosso provedor de faturamento não está respondendo, então colocamos o faturamento em manutenção automaticamente às {time}. Verificamos de novo a cada poucos segundos e reativamos as alterações sozinhos.',
    autoMaintenanceReportLead:
      'Nossa verificação de saúde indica o provedor de faturamento fora do ar, então as alterações estão pausadas. Nós as reativamos sozinhos assim que ele se recuperar.',
    stillWorks:
      'Você ainda pode ver sua assinatura e faturas (dos dados salvos) e montar seu carrinho: nada do que você faz se perde.',
    degradedTitle: 'Alguns recursos do faturamento estão indisponíveis',
    degradedLead: 'Sem resposta no momento: {list}. Todo o resto funciona.',
    slowTitle: 'O faturamento está lento ou instável agora',
    slowLead: 'Respondendo devagar: {list}.',
    unreliableLead: 'Falhando de vez em quando: {list}.',
    slowStillWorks: 'As alterações continuam funcionando; podem demorar um pouco mais, e tentamos de novo por você.',
    statusUnknownTitle: 'Não conseguimos verificar o status do faturamento agora',
    statusUnknownLead: 'Algumas informações podem estar desatualizadas. Continuamos verificando.',
    recoveredTitle: 'O faturamento voltou',
    recoveredLead:
      'As alterações foram reativadas. As páginas se atualizam sozinhas em poucos minutos; Tentar de novo em uma seção a atualiza agora.',
    resumeCart: 'Retomar sua compra ({count} no carrinho)',
    and: ' e ',
  },
})
