import { defineMessages } from '@/lib/i18n/define-messages'

/** The sign-in page's texts: apart from the account menu's, so that the first page does not carry them. */
export const signInMessages = defineMessages({
  en: {
    signInTitle: 'Sign in to billing',
    signInLead: 'Manage your subscription, invoices and payment details.',
    email: 'Work email',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    unknownEmail: 'We could not find an account for this email.',
    invalidEmail: 'Enter an email address such as ana@example.com.',
    password: 'Password',
    passwordNotNeeded: 'Demo users need no password.',
    invalidCredentials: 'Email or password is not right.',
    demoUsers: 'Demo users on the simulated backend:',
    demoOwner: 'billing admin',
    demoViewer: 'admin without billing rights',
    demoOperator: 'billing operator',
  },
  'pt-BR': {
    signInTitle: 'Entrar no faturamento',
    signInLead: 'Gerencie sua assinatura, faturas e dados de pagamento.',
    email: 'E-mail de trabalho',
    signIn: 'Entrar',
    signingIn: 'Entrando…',
    unknownEmail: 'Não encontramos uma conta para este e-mail.',
    invalidEmail: 'Digite um e-mail como ana@exemplo.com.',
    password: 'Senha',
    passwordNotNeeded: 'Usuários de demonstração não precisam de senha.',
    invalidCredentials: 'E-mail ou senha incorretos.',
    demoUsers: 'Usuários de demonstração no backend simulado:',
    demoOwner: 'administrador de faturamento',
    demoViewer: 'administrador sem acesso ao faturamento',
    demoOperator: 'operador de faturamento',
  },
})
