/**
 * What the `maintenance` scenario's operators switch on at the gateway (mocks/gateway-scenarios.ts), in each language the app speaks, as
 * operators would write it (admins read their own), and what they say when it ends. Used in the page
 * (the in-page gateway) and by the gateway's simulated mode (gateway/node/sim-server.ts).
 */
export const scenarioMaintenanceOn = (now: Date) =>
  ({
    enabled: true,
    reason: 'scheduled',
    messages: {
      en: 'We are upgrading our billing provider. Changes are paused; everything else works.',
      'pt-BR':
        'Estamos atualizando nosso provedor de faturamento. As alterações estão pausadas; todo o resto funciona.',
    },
    nextUpdateAt: new Date(now.getTime() + 3_600_000).toISOString(),
  }) as const

export const scenarioMaintenanceOff = {
  enabled: false,
  reason: 'other',
  message: 'Maintenance is over: billing works normally again.',
  nextUpdateAt: null,
} as const
