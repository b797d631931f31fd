/**
 * Development and demo builds only: the designers' gallery at /__dev/gallery. Every main page in
 * every state of docs/decisions/017-states-every-page-has.md, side by side and labelled. Each frame
 * is the real app at the page's address on the billing gateway inside MSW, put into its state by
 * gallery-states.ts (start-gallery-frame.ts); this file only lays the frames out. English only,
 * like the scenario toolbar: a tool, not the product.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { frameBundleNotice } from './frame-bundle'
import { createFrameQueue, type FrameQueue } from './frame-queue'
import {
  GALLERY_FRAME_FAILED,
  GALLERY_FRAME_READY,
  frameLabel,
  galleryFrameUrl,
  galleryPages,
  galleryStates,
  type GalleryPage,
  type GalleryState,
} from './gallery-states'
import { useFrameBundle } from './use-frame-bundle'
import './gallery.css'

/** The size each frame's app is laid out at, before it is scaled down to fit the grid. */
const FRAME_WIDTH = 1280
const FRAME_HEIGHT = 900
const scales = ['0.35', '0.5', '0.75', '1'] as const
type Scale = (typeof scales)[number]

type Filters = { page: string; state: string; scale: Scale; eager: boolean }

/** The filters live in the address, so a designer can share "Invoices, all states" as a link. */
function readFilters(): Filters {
  const params = new URLSearchParams(window.location.search)
  const scale = params.get('scale')
  return {
    page: galleryPages.some((page) => page.id === params.get('page')) ? (params.get('page') ?? 'all') : 'all',
    state: galleryStates.some((state) => state.id === params.get('state')) ? (params.get('state') ?? 'all') : 'all',
    scale: scales.find((value) => value === scale) ?? '0.5',
    eager: params.get('load') === 'all',
  }
}

function writeFilters(filters: Filters): void {
  const params = new URLSearchParams()
  if (filters.page !== 'all') params.set('page', filters.page)
  if (filters.state !== 'all') params.set('state', filters.state)
  if (filters.scale !== '0.5') params.set('scale', filters.scale)
  if (filters.eager) params.set('load', 'all')
  const search = params.size > 0 ? `?${params}` : ''
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`)
}

/**
 * Frames booting at once: one per core beyond the gallery's own, at least two (one waits on the
 * network while the other runs), at most four.
 */
const frameConcurrency = () => Math.max(2, Math.min(4, (navigator.hardwareConcurrency || 2) - 1))
/**
 * Frames in view booting at once: a screen's worth (four frames at 1400 × 1000 and the default
 * size), so that none of the frames the designer looks at waits for another to show. More in view
 * (a smaller frame size) take turns: one main thread runs them all, and the first would show later.
 */
const IN_VIEW_CONCURRENCY = 4
/** A frame that has not shown its page by then gives its slot up (it goes on loading). */
const FRAME_BOOT_TIMEOUT_MS = 10_000

export function GalleryPage() {
  const [filters, setFilters] = useState(readFilters)
  useEffect(() => writeFilters(filters), [filters])
  const [queue] = useState(() =>
    createFrameQueue({
      concurrency: frameConcurrency(),
      inViewConcurrency: IN_VIEW_CONCURRENCY,
      bootTimeoutMs: FRAME_BOOT_TIMEOUT_MS,
      eager: filters.eager,
    }),
  )
  useEffect(() => queue.setEager(filters.eager), [queue, filters.eager])
  const update = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }))
  // On the dev server, frames load from a bundle it keeps built, once there is one (frame-bundle.ts).
  const bundle = useFrameBundle()

  const pages = galleryPages.filter((page) => filters.page === 'all' || page.id === filters.page)
  const states = galleryStates.filter((state) => filters.state === 'all' || state.id === filters.state)
  const base = import.meta.env.BASE_URL
  // One state across all pages reads best as one row of pages; otherwise a row per page.
  const byState = filters.state !== 'all' && filters.page === 'all'
  const frame = (page: GalleryPage, state: GalleryState) => (
    <GalleryFrame
      // A bundle rebuilt after an edit: every frame loads again, those in view first.
      key={`${page.id}:${state.id}:${bundle.generation}`}
      base={base}
      page={page}
      state={state}
      scale={Number(filters.scale)}
      queue={queue}
      // Said once above the row when the row is one state.
      describe={!byState}
    />
  )

  return (
    <div className="gallery" lang="en">
      <header className="gallery-header">
        <div className="gallery-title">
          <h1>Gallery: every page in every state</h1>
          <a href={base}>Back to the app</a>
        </div>
        <p className="gallery-lead">
          Each frame is the real app on the billing gateway with the simulated Zuora, put into a registered outage
          scenario (the ones in the scenario toolbar) that the gateway has already seen. Every frame is a browser of its
          own, with its own gateway, storage and cache: what you do in one reaches no other frame and not your own tab.
          Some states pass on their own: use Replay.
        </p>
        {bundle.status ? <p className="gallery-source">{frameBundleNotice(bundle.status)}</p> : null}
        <GalleryFilters filters={filters} onChange={update} />
        <p role="status" className="gallery-count">
          Showing {pages.length * states.length} frames: {pages.length} {pages.length === 1 ? 'page' : 'pages'} ×{' '}
          {states.length} {states.length === 1 ? 'state' : 'states'}.
        </p>
      </header>
      <main className="gallery-main">
        {byState
          ? states.map((state) => (
              <GallerySection key={state.id} title={state.name} detail={state.description}>
                {pages.map((page) => frame(page, state))}
              </GallerySection>
            ))
          : pages.map((page) => (
              <GallerySection key={page.id} title={page.name} code={page.path}>
                {states.map((state) => frame(page, state))}
              </GallerySection>
            ))}
      </main>
    </div>
  )
}

function GalleryFilters({ filters, onChange }: { filters: Filters; onChange: (patch: Partial<Filters>) => void }) {
  const id = useId()
  return (
    <form className="gallery-filters" aria-label="Which frames" onSubmit={(event) => event.preventDefault()}>
      <div className="gallery-field">
        <label htmlFor={`${id}-page`}>Page</label>
        <select id={`${id}-page`} value={filters.page} onChange={(event) => onChange({ page: event.target.value })}>
          <option value="all">All pages</option>
          {galleryPages.map((page) => (
            <option key={page.id} value={page.id}>
              {page.name}
            </option>
          ))}
        </select>
      </div>
      <div className="gallery-field">
        <label htmlFor={`${id}-state`}>State</label>
        <select id={`${id}-state`} value={filters.state} onChange={(event) => onChange({ state: event.target.value })}>
          <option value="all">All states</option>
          {galleryStates.map((state) => (
            <option key={state.id} value={state.id}>
              {state.name}
            </option>
          ))}
        </select>
      </div>
      <div className="gallery-field">
        <label htmlFor={`${id}-scale`}>Frame size</label>
        <select
          id={`${id}-scale`}
          value={filters.scale}
          onChange={(event) => onChange({ scale: scales.find((value) => value === event.target.value) ?? '0.5' })}
        >
          {scales.map((scale) => (
            <option key={scale} value={scale}>
              {Number(scale) * 100}%
            </option>
          ))}
        </select>
      </div>
      <div className="gallery-check">
        <input
          id={`${id}-eager`}
          type="checkbox"
          checked={filters.eager}
          onChange={(event) => onChange({ eager: event.target.checked })}
        />
        <label htmlFor={`${id}-eager`}>
          Load every frame now (those in view first; otherwise frames load as they scroll into view)
        </label>
      </div>
    </form>
  )
}

function GallerySection({
  title,
  code,
  detail,
  children,
}: {
  title: string
  code?: string
  detail?: string
  children: ReactNode
}) {
  const headingId = useId()
  return (
    <section className="gallery-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} {code ? <code>{code}</code> : null}
      </h2>
      {detail ? <p className="gallery-note">{detail}</p> : null}
      <div className="gallery-grid">{children}</div>
    </section>
  )
}

type FrameProps = {
  base: string
  page: GalleryPage
  state: GalleryState
  scale: number
  queue: FrameQueue
  describe: boolean
}

/** What a frame posted to the gallery: its page is shown, or it could not start (and why). */
type FrameMessage = { type: typeof GALLERY_FRAME_READY } | { type: typeof GALLERY_FRAME_FAILED; reason: string }

function readFrameMessage(data: unknown): FrameMessage | null {
  const message = data as { type?: unknown; reason?: unknown } | null
  if (message?.type === GALLERY_FRAME_READY) return { type: GALLERY_FRAME_READY }
  if (message?.type === GALLERY_FRAME_FAILED)
    return { type: GALLERY_FRAME_FAILED, reason: typeof message.reason === 'string' ? message.reason : 'unknown' }
  return null
}

/**
 * The frame takes its turn in the queue (frame-queue.ts): it is told when it comes into view or
 * leaves it, and its app tells it (a message from the frame) when its page is shown, or that it
 * could not start. `starts` counts the queue's starts: each is a new iframe, so a frame started
 * again after a failure is a new browsing context, not the one that failed; `loading` is false
 * until the first start and after the queue stopped it (scrolled out of view while booting: the
 * iframe goes, and with it the frame's work). `failure` is the reason of the last failure once the
 * queue has given up on the frame.
 */
function useFrameTurn(queue: FrameQueue, label: string) {
  const [turn, setTurn] = useState({ starts: 0, loading: false })
  const [failure, setFailure] = useState<string | null>(null)
  const viewportRef = useRef<HTMLDivElement>(null)
  const frameRef = useRef<HTMLIFrameElement>(null)
  useEffect(
    () =>
      queue.add(
        label,
        () => setTurn(({ starts }) => ({ starts: starts + 1, loading: true })),
        () => setTurn(({ starts }) => ({ starts, loading: false })),
      ),
    [queue, label],
  )
  useEffect(() => {
    const viewport = viewportRef.current
    if (!viewport) return
    const inView = new IntersectionObserver((entries) => {
      for (const entry of entries) queue.setInView(label, entry.isIntersecting)
    })
    // Within a screen of the view: loaded once those in view are, before the designer scrolls there.
    const near = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) queue.setNear(label, entry.isIntersecting)
      },
      { rootMargin: '100% 0px' },
    )
    inView.observe(viewport)
    near.observe(viewport)
    return () => {
      inView.disconnect()
      near.disconnect()
    }
  }, [queue, label])
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source !== frameRef.current?.contentWindow) return
      const message = readFrameMessage(event.data)
      if (message?.type === GALLERY_FRAME_READY) queue.ready(label)
      if (message?.type === GALLERY_FRAME_FAILED && !queue.failed(label)) setFailure(message.reason)
    }
    window.addEventListener('message', onMessage)
    return () => window.removeEventListener('message', onMessage)
  }, [queue, label])
  return { ...turn, failure, clearFailure: () => setFailure(null), viewportRef, frameRef }
}

function GalleryFrame({ base, page, state, scale, queue, describe }: FrameProps) {
  // A new key remounts the iframe: the page loads again from the start of its state.
  const [run, setRun] = useState(0)
  const label = frameLabel(page, state)
  const src = galleryFrameUrl(base, page, state)
  const note = state.notes?.[page.id]
  const { starts, loading, failure, clearFailure, viewportRef, frameRef } = useFrameTurn(queue, label)
  return (
    <figure className="gallery-frame" data-page={page.id} data-state={state.id}>
      <figcaption className="gallery-caption">
        <h3>
          <span className="gallery-caption-page">{page.name} — </span>
          {state.name}
        </h3>
        {describe ? <p>{state.description}</p> : null}
        {note ? <p className="gallery-note">{note}</p> : null}
        {state.passes ? <p className="gallery-note">{state.passes}</p> : null}
        <p className="gallery-actions">
          <button
            type="button"
            className="button button-secondary"
            aria-label={`Replay ${label}`}
            onClick={() => {
              clearFailure()
              setRun((count) => count + 1)
            }}
          >
            Replay
          </button>
          <a href={src} target="_blank" rel="noreferrer" aria-label={`Open ${label} in a new tab`}>
            Open in a new tab
          </a>
        </p>
      </figcaption>
      <div
        ref={viewportRef}
        className="gallery-viewport"
        style={{ width: FRAME_WIDTH * scale, height: FRAME_HEIGHT * scale }}
      >
        {failure !== null ? (
          <p className="gallery-waiting" role="alert">
            This frame could not start ({failure}). Replay to try again.
          </p>
        ) : loading ? (
          <iframe
            key={`${run}:${starts}`}
            ref={frameRef}
            title={label}
            src={src}
            width={FRAME_WIDTH}
            height={FRAME_HEIGHT}
            style={{ transform: `scale(${scale})` }}
          />
        ) : (
          <p className="gallery-waiting">Loads when in view, after the frames before it.</p>
        )}
      </div>
    </figure>
  )
}
