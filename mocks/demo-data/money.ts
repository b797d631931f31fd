import type { Money } from '../../src/lib/api/schemas'

/** Every mock account bills in US dollars; amounts are integers in cents. */
export const CURRENCY = 'USD'

export const usd = (amountMinor: number): Money => ({ amountMinor, currency: CURRENCY })

/** For text the API renders itself (PDFs); the app formats money with Intl in the admin's locale. */
export const formatMoney = (money: Money): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency }).format(money.amountMinor / 100)
