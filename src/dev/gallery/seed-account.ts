/**
 * The account a gallery frame opens on, before anything of its state (scenario, saved cache,
 * breakers) is applied: on the simulated Zuora and in the gateway's own state, with what people
 * did before, through the gateway's own contract (the owner scheduled a smaller plan, the viewer
 * asked for changes on the requests page). Built once per account and gallery, then copied into
 * the next frames of that account (seed-shelf.ts): each frame still has a gateway and a tenant of
 * its own.
 */
import type { OwnState } from '../../../gateway/own/own-state'
import { mockOrigin } from '../../../mocks/api-base'
import type { InPageGateway } from '../../../mocks/in-page/in-page-gateway'
import type { GalleryPageId, GalleryState } from './gallery-states'
import { signInOnGateway } from './gateway-as-user'
import { seedChangeRequests } from './seed-change-requests'
import { gallerySeedShelf } from './seed-shelf'
import { emptyAccount, withInvoicePastDue } from './seed-tenant'

type Account = 'usual' | 'empty'

const accountOf = (state: GalleryState): Account => (state.emptyAccount ? 'empty' : 'usual')

/** What was built, as the copy the next frames start from. */
type Seed = { sim: unknown; own: OwnState }

async function build(backend: InPageGateway, account: Account, withRequests: boolean): Promise<void> {
  if (account === 'empty') await emptyAccount(backend)
  else withInvoicePastDue(backend)
  if (account === 'empty') return
  const owner = await signInOnGateway(backend, mockOrigin, 'owner')
  await owner.call('PUT', '/subscription/scheduled-change', { seats: null, planId: 'plan_team' })
  if (withRequests) await seedChangeRequests({ owner, viewer: await signInOnGateway(backend, mockOrigin, 'viewer') })
}

async function copyInto(backend: InPageGateway, text: string): Promise<boolean> {
  const seed = JSON.parse(text) as Seed
  if (!backend.simulator.control.importState(seed.sim)) return false
  await backend.gateway().deps.own.mutate((draft) => {
    for (const key of Object.keys(draft)) delete (draft as Record<string, unknown>)[key]
    Object.assign(draft, seed.own)
  })
  return true
}

export async function seedAccount(backend: InPageGateway, state: GalleryState, page: GalleryPageId): Promise<void> {
  const account = accountOf(state)
  // Only the requests page's frames have requests, and the empty account none.
  const withRequests = page === 'requests' && account !== 'empty'
  // The day is part of it: the seed's dates (an invoice past due, the term) hang on it.
  const key = `${account}${withRequests ? '+requests' : ''}@${new Date().toISOString().slice(0, 10)}`
  const shelf = gallerySeedShelf()
  const copy = shelf?.get(key)
  if (copy !== undefined && (await copyInto(backend, copy))) return
  await build(backend, account, withRequests)
  const seed: Seed = { sim: backend.simulator.control.exportState(), own: await backend.gateway().deps.own.read() }
  shelf?.set(key, JSON.stringify(seed))
}
