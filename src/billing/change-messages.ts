import { defineMessages } from '@/lib/i18n/define-messages'

/** A change to the subscription in the admin's words, the same in the cart and in a change request. */
export const changeMessages = defineMessages({
  en: {
    seatsChange: 'Seats: {from} → {to}',
    seatsTotal: 'Seats: {to} in total',
    planChange: 'Plan: {from} → {to}',
    plan: 'Plan: {to}',
    addonNew: '{name} × {quantity}',
    addonChange: '{name}: {from} → {to}',
    addonRemove: 'Remove {name}',
    // The controls that build a change, on every page that has them
    newTotalSeats: 'New total seats',
    newQuantityOf: 'New quantity of {name}',
    addToCart: 'Add to cart',
    addToRequest: 'Add to request',
    reviewCart: 'Review cart',
  },
  'pt-BR': {
    seatsChange: 'Licenças: {from} → {to}',
    seatsTotal: 'Licenças: {to} no total',
    planChange: 'Plano: {from} → {to}',
    plan: 'Plano: {to}',
    addonNew: '{name} × {quantity}',
    addonChange: '{name}: {from} → {to}',
    addonRemove: 'Remover {name}',
    newTotalSeats: 'Novo total de licenças',
    newQuantityOf: 'Nova quantidade de {name}',
    addToCart: 'Adicionar ao carrinho',
    addToRequest: 'Adicionar ao pedido de alteração',
    reviewCart: 'Revisar carrinho',
  },
})
