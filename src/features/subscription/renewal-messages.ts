import { defineMessages } from '@/lib/i18n/define-messages'

/**
 * The renewal control's words, a billing admin's and (asking) an admin's without billing rights:
 * loaded with its code, when the overview renders (renewal-slot.tsx).
 */
export const renewalMessages = defineMessages({
  en: {
    renewalOff: 'Turn off renewal',
    renewalConfirmTitle: 'Turn off renewal?',
    renewalConfirmLead: 'Your subscription ends on {date}: seats and add-ons stop then; invoices stay readable.',
    renewalConfirmKeep: 'Nothing changes before then, and you can turn renewal back on until that day.',
    renewalConfirm: 'Yes, end it on {date}',
    renewalTurningOff: 'Turning off renewal…',
    renewalEnds: 'Renewal is off: your subscription ends on {date}.',
    renewalOn: 'Turn renewal back on',
    renewalTurningOn: 'Turning renewal back on…',
    renewalRenews: 'Renewal is on: your subscription renews on {date}.',
    renewalFailed: 'Renewal was not changed. {reason}',
    cancel: 'Cancel',
    // an admin without billing rights asks a billing admin (renewal-ask.tsx)
    askRenewalOff: 'Ask to turn renewal off',
    askRenewalOn: 'Ask to turn renewal on',
    askConfirmTitle: 'Ask to turn off renewal?',
    askConfirmKeep:
      'A billing admin approves or declines your request. Nothing changes before then, and renewal can be turned back on until that day.',
    askConfirm: 'Yes, ask to end it on {date}',
    asking: 'Sending your request…',
    askedOff: 'You asked a billing admin to turn renewal off: your request is waiting for a decision.',
    askedOn: 'You asked a billing admin to turn renewal on: your request is waiting for a decision.',
    seeRequests: 'See your requests',
    askFailed: 'Your request was not sent. {reason}',
  },
  'pt-BR': {
    renewalOff: 'Desativar renovação',
    renewalConfirmTitle: 'Desativar a renovação?',
    renewalConfirmLead:
      'Sua assinatura termina em {date}: licenças e complementos param nessa data; as faturas continuam disponíveis para consulta.',
    renewalConfirmKeep: 'Nada muda antes disso, e você pode reativar a renovação até esse dia.',
    renewalConfirm: 'Sim, terminar em {date}',
    renewalTurningOff: 'Desativando a renovação…',
    renewalEnds: 'A renovação está desativada: sua assinatura termina em {date}.',
    renewalOn: 'Reativar renovação',
    renewalTurningOn: 'Reativando a renovação…',
    renewalRenews: 'A renovação está ativada: sua assinatura renova em {date}.',
    renewalFailed: 'A renovação não foi alterada. {reason}',
    cancel: 'Cancelar',
    askRenewalOff: 'Pedir para desativar a renovação',
    askRenewalOn: 'Pedir para reativar a renovação',
    askConfirmTitle: 'Pedir para desativar a renovação?',
    askConfirmKeep:
      'Um administrador de cobrança aprova ou recusa seu pedido. Nada muda antes disso, e a renovação pode ser reativada até esse dia.',
    askConfirm: 'Sim, pedir para terminar em {date}',
    asking: 'Enviando seu pedido…',
    askedOff: 'Você pediu a um administrador de cobrança para desativar a renovação: seu pedido aguarda uma decisão.',
    askedOn: 'Você pediu a um administrador de cobrança para reativar a renovação: seu pedido aguarda uma decisão.',
    seeRequests: 'Ver seus pedidos',
    askFailed: 'Seu pedido não foi enviado. {reason}',
  },
})
