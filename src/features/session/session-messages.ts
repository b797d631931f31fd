import { defineMessages } from '@/lib/i18n/define-messages'

export const sessionMessages = defineMessages({
  en: {
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    account: 'Account',
    switchingAccount: 'Switching account…',
    switchFailed: 'Could not switch account.',
    signedInAs: 'Signed in as {name}',
    roleBillingAdmin: 'Billing admin',
    roleAdmin: 'Admin (read-only billing)',
    roleOperator: 'Billing operator',
  },
  'pt-BR': {
    signOut: 'Sair',
    signingOut: 'Saindo…',
    account: 'Conta',
    switchingAccount: 'Trocando de conta…',
    switchFailed: 'Não foi possível trocar de conta.',
    signedInAs: 'Conectado como {name}',
    roleBillingAdmin: 'Administrador de faturamento',
    roleAdmin: 'Administrador (faturamento somente leitura)',
    roleOperator: 'Operador de faturamento',
  },
})
