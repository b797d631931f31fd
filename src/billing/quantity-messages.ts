import { useCallback } from 'react'
import { defineMessages } from '@/lib/i18n/define-messages'
import { useFormat } from '@/lib/i18n/format'
import type { QuantityProblem } from './quantity-rules'

/** What the quantity rules say, once for every page that takes a quantity (quantity-rules.ts). */
export const quantityMessages = defineMessages({
  en: {
    wholeNumber: 'Enter a whole number.',
    outOfRange: 'Enter a number from {min} to {max}.',
    seatsBelowInUse:
      'Keep at least {inUse, plural, one {# seat: # agent is} other {# seats: # agents are}} using seats.',
    seatsTooMany: 'Enter at most {max} seats.',
  },
  'pt-BR': {
    wholeNumber: 'Digite um número inteiro.',
    outOfRange: 'Digite um número de {min} a {max}.',
    seatsBelowInUse:
      'Mantenha pelo menos {inUse, plural, one {# licença: # agente está} other {# licenças: # agentes estão}} usando licenças.',
    seatsTooMany: 'Digite no máximo {max} licenças.',
  },
})

/** Says a quantity problem in the admin's language, numbers formatted for it. */
export function useQuantityProblemText(): (problem: QuantityProblem) => string {
  const t = quantityMessages.useT()
  const format = useFormat()
  return useCallback(
    (problem: QuantityProblem) => {
      switch (problem.code) {
        case 'wholeNumber':
          return t('wholeNumber')
        case 'seatsBelowInUse':
          return t('seatsBelowInUse', { inUse: problem.inUse, inUseText: format.number(problem.inUse) })
        case 'seatsTooMany':
          return t('seatsTooMany', { max: format.number(problem.max) })
        case 'outOfRange':
          return t('outOfRange', { min: format.number(problem.min), max: format.number(problem.max) })
      }
    },
    [t, format],
  )
}
