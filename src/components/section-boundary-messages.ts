import { defineMessages } from '@/lib/i18n/define-messages'

/** What a section says when it failed to render (see section-boundary.tsx). */
export const sectionBoundaryMessages = defineMessages({
  en: {
    sectionFailed: '{title} could not be shown.',
    sectionFailedLead: 'Something in this part of the page went wrong. The rest of the page still works.',
  },
  'pt-BR': {
    sectionFailed: 'Não foi possível mostrar {title}.',
    sectionFailedLead: 'Algo deu errado nesta parte da página. O resto da página continua funcionando.',
  },
})
