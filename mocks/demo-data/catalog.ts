import type { Addon, Catalog, Plan } from '../../src/lib/api/schemas'
import { CURRENCY, usd } from './money'

/** What can be bought. Prices are per seat per month for plans, per unit per month for add-ons. */
export const catalog: Catalog = {
  currency: CURRENCY,
  plans: [
    {
      id: 'plan_team',
      name: 'Team',
      description: 'Email, chat and a help center for small support teams.',
      seatPrice: usd(1_900),
      interval: 'month',
      features: ['Ticketing', 'Help center', 'Basic reporting'],
    },
    {
      id: 'plan_professional',
      name: 'Professional',
      description: 'Multiple brands, SLAs and custom reporting for growing teams.',
      seatPrice: usd(4_900),
      interval: 'month',
      features: ['Everything in Team', 'SLAs', 'Custom reports', 'Multiple brands'],
    },
    {
      id: 'plan_enterprise',
      name: 'Enterprise',
      description: 'Sandboxes, audit logs and advanced security for large organisations.',
      seatPrice: usd(9_900),
      interval: 'month',
      features: ['Everything in Professional', 'Audit log', 'Custom roles', '99.9% uptime SLA'],
    },
  ],
  addons: [
    {
      id: 'addon_advanced_ai',
      name: 'Advanced AI',
      description: 'Intelligent triage and suggested replies for each agent.',
      unitPrice: usd(5_000),
      unit: 'seat',
      maxQuantity: 100_000,
    },
    {
      id: 'addon_storage',
      name: 'Extra storage pack',
      description: '50 GB more for attachments and data.',
      unitPrice: usd(2_500),
      unit: 'pack',
      maxQuantity: 50,
    },
    {
      id: 'addon_sandbox',
      name: 'Sandbox',
      description: 'A copy of the account for testing changes safely.',
      unitPrice: usd(15_000),
      unit: 'account',
      maxQuantity: 1,
    },
    {
      id: 'addon_wfm',
      name: 'Workforce management',
      description: 'Forecasting, scheduling and time tracking per agent.',
      unitPrice: usd(2_500),
      unit: 'seat',
      maxQuantity: 100_000,
    },
  ],
}

export const findPlan = (id: string): Plan | undefined => catalog.plans.find((plan) => plan.id === id)

export const findAddon = (id: string): Addon | undefined => catalog.addons.find((addon) => addon.id === id)
