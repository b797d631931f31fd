import { defineMessages } from '@/lib/i18n/define-messages'

/** The renewal control's words: loaded with its code, when the overview renders (renewal-slot.tsx). */
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
  },
})
