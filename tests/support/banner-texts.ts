/**
 * The availability banner's titles as the admin reads them (English), shared by the Vitest and
 * Playwright suites. No imports: Playwright loads this file too.
 */
export const banners = {
  autoMaintenance: 'Billing is unavailable: changes are paused',
  maintenance: 'Billing is in maintenance',
  degraded: 'Some billing features are unavailable',
  slow: 'Billing is slow or unreliable right now',
  statusUnknown: 'We cannot check billing status right now',
  recovered: 'Billing is back',
} as const
