/**
 * What another person, tab or admin does meanwhile, in a page test: requests to this test's
 * gateway (test-gateway.ts) through the contract, as one of the demo users with a session of their
 * own, handed to the gateway directly (the page under test and its cookie are not involved). The
 * gallery seeds its frames the same way (src/dev/gallery/gateway-as-user.ts).
 *
 *   const owner = await gatewayAs('owner')
 *   await owner.call('PUT', '/billing-status/maintenance', { enabled: true, ... })
 */
import { signInByEmail, type GatewayUser } from '@/dev/gallery/gateway-as-user'
import { mockOrigin } from '../../mocks/api-base'
import { demoUsers } from './demo-users'
import { testGateway } from './test-gateway'

export type GatewayActor = Pick<GatewayUser, 'call' | 'send'>

export async function gatewayAs(who: keyof typeof demoUsers, account?: string): Promise<GatewayActor> {
  const actor = await signInByEmail(testGateway(), mockOrigin, demoUsers[who])
  if (account) await actor.call('PUT', '/session/account', { accountId: account })
  return actor
}
