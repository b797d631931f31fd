import { defineMessages } from '@/lib/i18n/define-messages'

export const requestsMessages = defineMessages({
  en: {
    title: 'Change requests',
    leadAsker:
      'Ask a billing admin for a change to seats, plan or add-ons. Asking works even while billing is unavailable.',
    leadDecider:
      'Changes the account’s admins asked for. Approving puts the change in your cart for a fresh quote and the normal checkout.',
    // the draft (Ask)
    draftTitle: 'Your request',
    draftEmpty:
      'Nothing to ask for yet. Use Change seats on your subscription, or Plans and add-ons, to put a change here.',
    draftChangeSeats: 'Change seats on your subscription',
    draftBrowse: 'Browse plans and add-ons',
    removeItem: 'Remove',
    removeItemNamed: 'Remove {item}',
    noteLabel: 'Note for the billing admin (optional)',
    noteHint: 'Why you need it, by when. Up to {max} characters.',
    estimateTitle: 'Estimate',
    estimateMonthly: 'About {amount} a month at list prices.',
    estimateUnknown:
      'No estimate: your subscription could not be loaded. The billing admin sees the price when they approve.',
    estimateNote:
      'This is only an estimate from the catalog’s list prices. The exact price, with proration and tax, comes from a quote when a billing admin approves.',
    send: 'Send request',
    sending: 'Sending…',
    discard: 'Discard',
    sent: 'Your request was sent. A billing admin will approve or decline it.',
    sendFailed: 'The request was not sent: {reason} Your draft is kept.',
    // lists (See)
    mineTitle: 'Your requests',
    mineEmpty: 'You have not asked for any change yet.',
    openTitle: 'Open requests',
    openEmpty: 'No request is waiting for a decision.',
    earlierTitle: 'Earlier requests',
    earlierEmpty: 'No decided requests yet.',
    askedBy: 'Asked by {name} on {date}',
    askedOn: 'Asked on {date}',
    note: 'Note: {note}',
    estimateShort: 'Estimate: {amount} a month at list prices',
    statusWaiting: 'Waiting for a billing admin',
    statusApproving: 'Approved by {name}: being ordered',
    statusOrdered: 'Approved by {name} and ordered (order {orderId})',
    statusDeclined: 'Declined by {name}: {reason}',
    statusWithdrawn: 'Withdrawn',
    withdraw: 'Withdraw',
    withdrawFailed: 'The request was not withdrawn: {reason}',
    // deciding (Decide)
    approve: 'Approve and order',
    approving: 'Approving…',
    decline: 'Decline',
    declineReasonLabel: 'Why is it declined?',
    declineReasonHint: 'The admin who asked sees this.',
    declineReasonRequired: 'Say why, so the admin who asked knows.',
    confirmDecline: 'Decline request',
    cancel: 'Cancel',
    declineFailed: 'The request was not declined: {reason}',
    approveFailed: 'The request was not approved: {reason}',
    alreadyTaken:
      'This request was approved or declined meanwhile (another tab or another billing admin). The list is up to date now.',
    cartLocked:
      'Your last order is still being confirmed, so your cart cannot take this change yet. Open the cart to see where it stands.',
    inYourCart: 'You approved it: the change is in your cart. Place the order there to finish.',
    openCart: 'Open cart',
    problemPlanChanged:
      'This request no longer makes sense: the plan was changed after it was asked. Decline it, and the admin can ask again.',
    problemSeatsBelowInUse: 'This request no longer makes sense: it asks for fewer seats than the {inUse} in use.',
    problemAddonNotOffered: 'This request no longer makes sense: an add-on it asks for is no longer offered.',
    problemNothingToChange: 'This request no longer makes sense: the subscription already is what it asks for.',
    problemStale:
      'This request no longer makes sense for the subscription as it is now. Decline it, and the admin can ask again.',
    // items
  },
  'pt-BR': {
    title: 'Pedidos de alteração',
    leadAsker:
      'Peça a um administrador de cobrança uma alteração de licenças, plano ou complementos. Pedir funciona mesmo quando o faturamento está indisponível.',
    leadDecider:
      'Alterações que os administradores da conta pediram. Aprovar coloca a alteração no seu carrinho, para uma cotação nova e o checkout normal.',
    draftTitle: 'Seu pedido',
    draftEmpty:
      'Ainda não há nada para pedir. Use Alterar licenças na sua assinatura, ou Planos e complementos, para colocar uma alteração aqui.',
    draftChangeSeats: 'Alterar licenças na sua assinatura',
    draftBrowse: 'Ver planos e complementos',
    removeItem: 'Remover',
    removeItemNamed: 'Remover {item}',
    noteLabel: 'Observação para o administrador de cobrança (opcional)',
    noteHint: 'Por que você precisa e até quando. Até {max} caracteres.',
    estimateTitle: 'Estimativa',
    estimateMonthly: 'Cerca de {amount} por mês pelos preços de tabela.',
    estimateUnknown:
      'Sem estimativa: não foi possível carregar sua assinatura. O administrador de cobrança vê o preço ao aprovar.',
    estimateNote:
      'É só uma estimativa pelos preços de tabela do catálogo. O preço exato, com rateio e impostos, vem de uma cotação quando um administrador de cobrança aprovar.',
    send: 'Enviar pedido',
    sending: 'Enviando…',
    discard: 'Descartar',
    sent: 'Seu pedido foi enviado. Um administrador de cobrança vai aprová-lo ou recusá-lo.',
    sendFailed: 'O pedido não foi enviado: {reason} Seu rascunho foi mantido.',
    mineTitle: 'Seus pedidos',
    mineEmpty: 'Você ainda não pediu nenhuma alteração.',
    openTitle: 'Pedidos em aberto',
    openEmpty: 'Nenhum pedido aguarda decisão.',
    earlierTitle: 'Pedidos anteriores',
    earlierEmpty: 'Ainda não há pedidos decididos.',
    askedBy: 'Pedido por {name} em {date}',
    askedOn: 'Pedido em {date}',
    note: 'Observação: {note}',
    estimateShort: 'Estimativa: {amount} por mês pelos preços de tabela',
    statusWaiting: 'Aguardando um administrador de cobrança',
    statusApproving: 'Aprovado por {name}: pedido em andamento',
    statusOrdered: 'Aprovado por {name} e comprado (pedido {orderId})',
    statusDeclined: 'Recusado por {name}: {reason}',
    statusWithdrawn: 'Retirado',
    withdraw: 'Retirar',
    withdrawFailed: 'O pedido não foi retirado: {reason}',
    approve: 'Aprovar e comprar',
    approving: 'Aprovando…',
    decline: 'Recusar',
    declineReasonLabel: 'Por que foi recusado?',
    declineReasonHint: 'O administrador que pediu vê este texto.',
    declineReasonRequired: 'Diga o motivo, para que o administrador que pediu saiba.',
    confirmDecline: 'Recusar pedido',
    cancel: 'Cancelar',
    declineFailed: 'O pedido não foi recusado: {reason}',
    approveFailed: 'O pedido não foi aprovado: {reason}',
    alreadyTaken:
      'Este pedido foi aprovado ou recusado enquanto isso (outra aba ou outro administrador de cobrança). A lista já está atualizada.',
    cartLocked:
      'Seu último pedido ainda está sendo confirmado, então o carrinho ainda não pode receber esta alteração. Abra o carrinho para ver a situação.',
    inYourCart: 'Você aprovou: a alteração está no seu carrinho. Faça o pedido lá para concluir.',
    openCart: 'Abrir carrinho',
    problemPlanChanged:
      'Este pedido não faz mais sentido: o plano mudou depois que ele foi feito. Recuse-o, e o administrador pode pedir de novo.',
    problemSeatsBelowInUse: 'Este pedido não faz mais sentido: pede menos licenças do que as {inUse} em uso.',
    problemAddonNotOffered: 'Este pedido não faz mais sentido: um complemento pedido não é mais oferecido.',
    problemNothingToChange: 'Este pedido não faz mais sentido: a assinatura já está como ele pede.',
    problemStale:
      'Este pedido não faz mais sentido para a assinatura atual. Recuse-o, e o administrador pode pedir de novo.',
  },
})
