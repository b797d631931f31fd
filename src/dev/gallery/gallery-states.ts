/**
 * What the designers' gallery shows: every main page in every state of
 * docs/decisions/017-states-every-page-has.md. Each state is
 * a recipe for one isolated frame of the real app on the billing gateway inside MSW with the Zuora
 * simulator (docs/decisions/031): who is signed in, which registered scenario acts at the simulated
 * Zuora (mocks/zuora/scenarios.ts), what the account holds, and what the browser already holds
 * when the page opens (a saved cache, a breaker another tab opened, a cart). Nothing here draws
 * UI: the frames are the real app, so the gallery can never drift from it.
 *
 * Unless a state says otherwise, Acme is as seeded with two things an admin meets on the gateway
 * (issue 18): an invoice past due, to pay, and a smaller plan scheduled from the next renewal.
 *
 * Plain data with no browser or build-time globals: the gallery page, the frame bootstrap and the
 * browser tests (tests/e2e/gallery.spec.ts) all read it.
 */
import type { ScenarioName } from '../../../mocks/scenarios/names'
import type { ScenarioOptions } from '../../../mocks/scenarios/options'

export const galleryPages = [
  { id: 'subscription', name: 'Subscription', path: '/', heading: 'Subscription' },
  { id: 'plans', name: 'Plans and add-ons', path: '/plans', heading: 'Plans and add-ons' },
  { id: 'cart', name: 'Cart and checkout', path: '/cart', heading: 'Cart' },
  { id: 'invoices', name: 'Invoices', path: '/invoices', heading: 'Invoices' },
  { id: 'payment-method', name: 'Payment method', path: '/payment-method', heading: 'Payment method' },
  { id: 'billing-details', name: 'Billing details', path: '/billing-details', heading: 'Billing details' },
  { id: 'status', name: 'Billing status', path: '/status', heading: 'Billing status' },
  // A billing admin decides here; in the read-only state, the admin without billing rights asks.
  { id: 'requests', name: 'Change requests', path: '/requests', heading: 'Change requests' },
] as const

export type GalleryPage = (typeof galleryPages)[number]
export type GalleryPageId = GalleryPage['id']

/** A breaker state the browser already holds when the frame opens, as another tab would have left it. */
export type SeededBreakers =
  /** Open for this outage, its wait just started: the app stays in (automatic) maintenance. */
  | { kind: 'open'; capabilities: 'all' | 'invoices' | 'payments' }
  /** Open, but its wait is over: the first probe finds the provider back. */
  | { kind: 'wait-over' }

export type GalleryState = {
  id: string
  name: string
  /** One line for designers: what is going on and what the frame shows. */
  description: string
  as: 'owner' | 'viewer'
  /**
   * The registered scenario the frame's simulated Zuora runs; per page where the state differs by
   * page. The gateway has seen its fault for a while when the frame opens (gateway-seen-fault.ts),
   * unless the state holds the report back (`statusDelayMs`: a state about the time before it).
   */
  scenario: ScenarioName | ((page: GalleryPageId) => ScenarioName)
  /** Its options, when the state needs more than the defaults; `statusDelayMs` is the gateway's. */
  scenarioOptions?: ScenarioOptions
  /** What the browser saved on an earlier visit: nothing, every saved query, or only who is signed in. */
  savedCache?: 'all' | 'session'
  breakers?: SeededBreakers | ((page: GalleryPageId) => SeededBreakers)
  /** An account with nothing in it: no add-ons, no card, an empty cart, no status updates, nothing due. */
  emptyAccount?: boolean
  /** The browser is offline: React Query pauses, and any request that leaves fails as a network error. */
  offline?: boolean
  /** A state that passes on its own: the frame shows it for a while; "Replay" shows it again. */
  passes?: string
  /** Where a page shows the state in its own way, or cannot show it: said next to the frame. */
  notes?: Partial<Record<GalleryPageId, string>>
  /** Extra query string for a page (the invoices filter of "empty"). */
  search?: Partial<Record<GalleryPageId, string>>
}

/** In the order of docs/decisions/017-states-every-page-has.md. */
export const galleryStates = [
  {
    id: 'loading',
    name: 'Loading',
    description:
      'First visit, nothing saved, Zuora hangs and the health report has not caught up yet: skeletons while the gateway waits for Zuora (its 4 s time-out) and the app tries again, then "unavailable".',
    as: 'owner',
    scenario: 'provider-hang',
    // With a prompt report the pages would say "unavailable" at once: no loading state to see.
    scenarioOptions: { statusDelayMs: 600_000 },
    passes: 'Skeletons for several seconds after the frame loads; Replay to see them again.',
    notes: {
      plans:
        'The catalog is the vendor’s own and loads at once; only the plan marked as current waits for the provider.',
      status: 'This page calls nothing provider-backed, so it never waits for the provider.',
    },
  },
  {
    id: 'healthy',
    name: 'Healthy',
    description:
      'Everything answers normally; a seat change and an add-on wait in the cart, an invoice is past due, and a smaller plan is scheduled from the next renewal.',
    as: 'owner',
    scenario: 'healthy',
  },
  {
    id: 'stale',
    name: 'Stale, with "as of"',
    description:
      'The provider is down (503) and changes are paused; what was saved on a visit 2 hours ago shows, with its "as of" time.',
    as: 'owner',
    scenario: 'provider-down',
    savedCache: 'all',
    breakers: { kind: 'open', capabilities: 'all' },
    notes: {
      plans:
        'The catalog is the vendor’s own and stays up, so it is never stale; the current plan comes from saved data.',
      status: 'This page shows only the vendor’s own data, which stays up: it is never stale.',
      'payment-method': 'Payment data is never saved in the browser, so the card cannot be shown from a saved copy.',
      cart: 'Prices are never saved: a cached price must never be charged, so the quote is unavailable.',
      invoices: 'Filters and search run over the invoice pages saved on that visit (“Searching the N saved invoices”).',
    },
  },
  {
    id: 'partial',
    name: 'Partial',
    description:
      'Only invoices and their PDFs fail (partial-invoices); on the payment page, only payments fail (partial-payments).',
    as: 'owner',
    scenario: (page) => (page === 'payment-method' ? 'partial-payments' : 'partial-invoices'),
    // As another tab that met the failure left it, so that every page shows it, not only the failing one.
    breakers: (page) => ({ kind: 'open', capabilities: page === 'payment-method' ? 'payments' : 'invoices' }),
  },
  {
    id: 'maintenance',
    name: 'Maintenance',
    description:
      'Operators have switched billing to maintenance, with a message in English and Portuguese: every provider-backed change is paused, each control saying so in a few words.',
    as: 'owner',
    scenario: 'maintenance',
  },
  {
    id: 'automatic-maintenance',
    name: 'Automatic maintenance',
    description:
      'The provider is down (503) and the app’s circuit breakers are open, with no operator involved: changes are paused.',
    as: 'owner',
    scenario: 'provider-down',
    breakers: { kind: 'open', capabilities: 'all' },
  },
  {
    id: 'recovering',
    name: 'Recovering',
    description:
      'The breakers were open and the provider is back: the first probe succeeds, "Billing is back" shows and pages refresh.',
    as: 'owner',
    scenario: 'healthy',
    breakers: { kind: 'wait-over' },
    passes: '"Billing is back" shows for about 8 s after the frame loads; Replay to see it again.',
  },
  {
    id: 'read-only',
    name: 'Read-only role',
    description:
      'Signed in as an admin without billing rights (viewer@acme.test): everything readable; the change controls build a change request for a billing admin, buying is disabled with the reason.',
    as: 'viewer',
    scenario: 'healthy',
  },
  {
    id: 'empty',
    name: 'Empty',
    description: 'An account with nothing in it: no add-ons, no card on file, an empty cart, no status updates yet.',
    as: 'owner',
    scenario: 'healthy',
    emptyAccount: true,
    notes: {
      plans: 'The catalog is never empty; the account has no add-ons yet.',
      invoices: 'Every account has invoices: shown is a search that matches none.',
      'billing-details': 'Only the required fields are filled in.',
    },
    search: { invoices: '?q=no-such-invoice' },
  },
  {
    id: 'own-api-down',
    name: 'Own API down',
    description:
      'The provider and the vendor’s own status, account and catalog endpoints are down; only who is signed in answers.',
    as: 'owner',
    scenario: 'own-api-down',
  },
  {
    id: 'offline',
    name: 'Offline',
    description: 'The browser is offline. The admin was signed in before; the page’s own data was not saved.',
    as: 'owner',
    scenario: 'healthy',
    savedCache: 'session',
    offline: true,
  },
] as const satisfies readonly GalleryState[]

export type GalleryStateId = (typeof galleryStates)[number]['id']

/** The query parameter that makes a page load an isolated gallery frame (removed before the app reads the address). */
export const GALLERY_FRAME_PARAM = '__gallery'

/** What a frame posts to the gallery once its page is shown (the gallery then boots the next frame). */
export const GALLERY_FRAME_READY = 'gallery-frame-ready'

/**
 * What a frame posts to the gallery when it could not start (with `reason`, a sentence): the gallery
 * starts it again in a new iframe, in its turn, a few times (frame-queue.ts).
 */
export const GALLERY_FRAME_FAILED = 'gallery-frame-failed'

/** Where the gallery page itself lives, under the build's base URL. */
export const GALLERY_PATH = '__dev/gallery'

export const findGalleryState = (id: string): GalleryState | undefined => galleryStates.find((state) => state.id === id)

/** The state a gallery frame was asked for, or null when this page load is not a gallery frame. */
export function readGalleryFrame(href: string): GalleryState | null {
  const id = new URL(href).searchParams.get(GALLERY_FRAME_PARAM)
  return id === null ? null : (findGalleryState(id) ?? null)
}

export const findGalleryPage = (path: string): GalleryPage | undefined =>
  galleryPages.find((page) => page.path === path)

export function scenarioOf(state: GalleryState, page: GalleryPageId): ScenarioName {
  return typeof state.scenario === 'function' ? state.scenario(page) : state.scenario
}

export function breakersOf(state: GalleryState, page: GalleryPageId): SeededBreakers | undefined {
  return typeof state.breakers === 'function' ? state.breakers(page) : state.breakers
}

/** The frame's address: the page, its extra query, and the state to put it in. `base` ends with "/". */
export function galleryFrameUrl(base: string, page: GalleryPage, state: GalleryState): string {
  const search = new URLSearchParams(state.search?.[page.id] ?? '')
  search.set(GALLERY_FRAME_PARAM, state.id)
  return `${base}${page.path.slice(1)}?${search.toString()}`
}

/** The accessible name of a frame, also its caption: "Invoices — Partial". */
export const frameLabel = (page: GalleryPage, state: GalleryState) => `${page.name} — ${state.name}`
