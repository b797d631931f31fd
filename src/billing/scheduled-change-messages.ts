import { defineMessages } from '@/lib/i18n/define-messages'

/**
 * Changes at the next renewal (fewer seats, a smaller plan): loaded with their code, when the
 * overview renders or a decrease is asked for (scheduled-change-slot.tsx).
 */
export const scheduledChangeMessages = defineMessages({
  en: {
    scheduleTitle: 'Change at the next renewal?',
    scheduleSeatsLead:
      'From {date} your subscription has {seats, plural, one {# seat} other {# seats}} instead of {purchased}.',
    schedulePlanLead: 'From {date} your plan is {plan} instead of {current}.',
    scheduleKeep: 'Nothing changes and nothing is charged before then; you can withdraw it until that day.',
    scheduleConfirm: 'Schedule for {date}',
    scheduling: 'Scheduling…',
    scheduleFailed: 'The change was not scheduled. {reason}',
    scheduledSeats: 'Scheduled from {date}: {seats, plural, one {# seat} other {# seats}}',
    scheduledPlan: 'Scheduled from {date}: plan {plan}',
    scheduledBoth: 'Scheduled from {date}: plan {plan}, {seats, plural, one {# seat} other {# seats}}',
    withdraw: 'Withdraw',
    withdrawTitle: 'Withdraw the scheduled change?',
    withdrawLead: 'Your subscription renews on {date} with the plan and seats it has today.',
    withdrawConfirm: 'Yes, withdraw it',
    withdrawing: 'Withdrawing…',
    withdrawn: 'The scheduled change was withdrawn: your subscription renews as it is.',
    withdrawFailed: 'The scheduled change was not withdrawn. {reason}',
    cancel: 'Cancel',
  },
  'pt-BR': {
    scheduleTitle: 'Alterar na próxima renovação?',
    scheduleSeatsLead:
      'A partir de {date} sua assinatura terá {seats, plural, one {# licença} other {# licenças}} em vez de {purchased}.',
    schedulePlanLead: 'A partir de {date} seu plano será {plan} em vez de {current}.',
    scheduleKeep: 'Nada muda e nada é cobrado antes disso; você pode desistir até esse dia.',
    scheduleConfirm: 'Agendar para {date}',
    scheduling: 'Agendando…',
    scheduleFailed: 'A alteração não foi agendada. {reason}',
    scheduledSeats: 'Agendado a partir de {date}: {seats, plural, one {# licença} other {# licenças}}',
    scheduledPlan: 'Agendado a partir de {date}: plano {plan}',
    scheduledBoth: 'Agendado a partir de {date}: plano {plan}, {seats, plural, one {# licença} other {# licenças}}',
    withdraw: 'Desistir',
    withdrawTitle: 'Desistir da alteração agendada?',
    withdrawLead: 'Sua assinatura renova em {date} com o plano e as licenças que tem hoje.',
    withdrawConfirm: 'Sim, desistir',
    withdrawing: 'Desistindo…',
    withdrawn: 'A alteração agendada foi desfeita: sua assinatura renova como está.',
    withdrawFailed: 'A alteração agendada não foi desfeita. {reason}',
    cancel: 'Cancelar',
  },
})
