/**
 * Development and demo builds only: the outage scenario toolbar, fixed at the bottom of every
 * page. QA switch scenarios here without a reload, drive a timeline by hand, and hide the bar
 * (the hidden state is stored, like the scenario). English only: it is a tool, not the product.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react'
import { z } from 'zod'
import { isScenarioName, scenarioNames } from '../../mocks/scenarios/names'
import type { SimScenarioState as ScenarioState } from '../../mocks/zuora/scenario-control'
import './scenario-toolbar.css'

export const TOOLBAR_STORAGE_KEY = 'billing-scenario-toolbar'

/** What the toolbar drives: the in-page gateway's scenario runner (mocks/in-page/gateway-scenario-runner.ts). */
export type ToolbarRunner = {
  subscribe(listener: () => void): () => void
  getState(): ScenarioState
  select(name: ScenarioState['name']): unknown
  recoverNow(): unknown
  failNow(): unknown
}

type Props = {
  runner: ToolbarRunner
  /** What was wrong with the `?scenario=` link of this page load, if anything. */
  problems: string[]
}

export function ScenarioToolbar({ runner, problems }: Props) {
  const scenario = useSyncExternalStore(runner.subscribe, runner.getState)
  const [hidden, setHidden] = useStoredHidden()
  const [notices, setNotices] = useState(problems)
  const sectionRef = useRef<HTMLElement>(null)
  const focusTarget = useRef<'select' | 'show' | null>(null)
  const selectRef = useRef<HTMLSelectElement>(null)
  const showRef = useRef<HTMLButtonElement>(null)
  const selectId = useId()
  const descriptionId = useId()
  // A link that went wrong must be seen, even by someone who had hidden the bar.
  const collapsed = hidden && notices.length === 0

  useBodyPadding(sectionRef, collapsed)
  useEffect(() => {
    if (focusTarget.current === 'select') selectRef.current?.focus()
    if (focusTarget.current === 'show') showRef.current?.focus()
    focusTarget.current = null
  }, [collapsed])

  const toggle = (hide: boolean) => {
    focusTarget.current = hide ? 'show' : 'select'
    setHidden(hide)
  }

  if (collapsed) {
    return (
      <section
        ref={sectionRef}
        className="scenario-toolbar is-collapsed"
        aria-label="Outage scenarios"
        lang="en"
        data-healthy={scenario.name === 'healthy'}
      >
        <button
          ref={showRef}
          type="button"
          className="scenario-toolbar-button"
          aria-expanded="false"
          onClick={() => toggle(false)}
        >
          Scenarios
        </button>
        {scenario.name === 'healthy' ? null : <span className="scenario-toolbar-active">{scenario.name}</span>}
      </section>
    )
  }

  return (
    <section
      ref={sectionRef}
      className="scenario-toolbar"
      aria-label="Outage scenarios"
      lang="en"
      data-healthy={scenario.name === 'healthy'}
    >
      <div className="scenario-toolbar-choice">
        <label htmlFor={selectId}>Scenario</label>
        <select
          ref={selectRef}
          id={selectId}
          value={scenario.name}
          aria-describedby={descriptionId}
          onChange={(event) => {
            if (isScenarioName(event.target.value)) runner.select(event.target.value)
          }}
        >
          {scenarioNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <p id={descriptionId} className="scenario-toolbar-description">
        {scenario.description}
        <OptionsInUse scenario={scenario} />
      </p>
      {scenario.timeline ? (
        <TimelineControls key={scenario.startedAt} runner={runner} timeline={scenario.timeline} />
      ) : null}
      {notices.length > 0 ? (
        <div className="scenario-toolbar-notice" role="alert">
          {notices.map((notice) => (
            <p key={notice}>{notice}</p>
          ))}
          <button type="button" className="scenario-toolbar-button" onClick={() => setNotices([])}>
            Dismiss
          </button>
        </div>
      ) : null}
      <div className="scenario-toolbar-end">
        <span className="scenario-toolbar-backend">Backend: gateway + Zuora simulator (computed report)</span>
        <a href={`${import.meta.env.BASE_URL}__dev/gallery`}>Gallery</a>
        <button type="button" className="scenario-toolbar-button" aria-expanded="true" onClick={() => toggle(true)}>
          Hide
        </button>
      </div>
    </section>
  )
}

function OptionsInUse({ scenario }: { scenario: ScenarioState }) {
  const entries = Object.entries(scenario.optionsInUse)
  if (entries.length === 0) return null
  return (
    <span className="scenario-toolbar-options">
      {' '}
      Now: {entries.map(([name, value]) => `${name} ${String(value)}`).join(', ')}.
    </span>
  )
}

function TimelineControls({
  runner,
  timeline,
}: {
  runner: ToolbarRunner
  timeline: NonNullable<ScenarioState['timeline']>
}) {
  const now = useNow(timeline.endsAt !== null)
  const next = timeline.steps[timeline.index + 1]
  const seconds = timeline.endsAt === null ? null : Math.max(0, Math.ceil((timeline.endsAt - now) / 1000))
  return (
    <div className="scenario-toolbar-timeline">
      <p>
        {/* Only the step is announced; a countdown read out every second would drown the page. */}
        <span role="status">{timeline.label}</span>
        {seconds !== null && next ? ` — ${next.failing ? 'fails again' : 'recovers'} in ${seconds} s` : null}
      </p>
      {/* aria-disabled, not disabled: the button just pressed keeps the focus when it no longer applies. */}
      <button
        type="button"
        className="scenario-toolbar-button"
        aria-disabled={!timeline.canRecover || undefined}
        onClick={() => timeline.canRecover && runner.recoverNow()}
      >
        Recover now
      </button>
      <button
        type="button"
        className="scenario-toolbar-button"
        aria-disabled={!timeline.canFail || undefined}
        onClick={() => timeline.canFail && runner.failNow()}
      >
        Fail now
      </button>
    </div>
  )
}

/** The clock, ticking every second while something counts down (remounted when the timeline jumps). */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [ticking])
  return now
}

const storedHiddenSchema = z.object({ hidden: z.boolean() })

function readHidden(): boolean {
  try {
    const raw = localStorage.getItem(TOOLBAR_STORAGE_KEY)
    const parsed = raw === null ? null : storedHiddenSchema.safeParse(JSON.parse(raw))
    return parsed?.success ? parsed.data.hidden : false
  } catch {
    return false
  }
}

/** Hidden or shown, kept across reloads and the same in every tab. */
function useStoredHidden(): [boolean, (hidden: boolean) => void] {
  const [hidden, setHidden] = useState(readHidden)
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === TOOLBAR_STORAGE_KEY || event.key === null) setHidden(readHidden())
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])
  const store = (next: boolean) => {
    setHidden(next)
    try {
      localStorage.setItem(TOOLBAR_STORAGE_KEY, JSON.stringify({ hidden: next }))
    } catch {
      // Storage blocked: hidden for this page only.
    }
  }
  return [hidden, store]
}

/** The bar is fixed over the bottom of the page: pad the page by its height so nothing hides under it. */
function useBodyPadding(ref: RefObject<HTMLElement | null>, collapsed: boolean): void {
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const pad = () => {
      // From the bar's top edge to the bottom of the window: right whether it is a bar or a corner button.
      document.body.style.paddingBottom = `${Math.ceil(window.innerHeight - element.getBoundingClientRect().top) + 8}px`
    }
    pad()
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(pad)
    observer?.observe(element)
    return () => {
      observer?.disconnect()
      document.body.style.paddingBottom = ''
    }
  }, [ref, collapsed])
}
