/** The demo directory's people (gateway/identity/directory.ts), by what they do. */
export const demoUsers = {
  owner: 'owner@acme.test',
  viewer: 'viewer@acme.test',
  operator: 'ops@vendor.test',
} as const
