/**
 * The `detect-*` figures of the detection matrix (detection.ts): each cell's runs as medians with
 * their notes (not reached, wrong states seen, the report not withheld...). Kept apart from the
 * runs that produce them.
 */
import { CAP_MS } from './browser'
import type { DetectionCell } from './detection'
import { FROM_ACTION_TARGET, joinNotes, seconds, unique } from './detection-expectations'
import { median, type Figure } from './stats'

export const capped = (values: readonly (number | null)[]) =>
  values.map((value) => (value === null ? CAP_MS : Math.min(CAP_MS, value)))

function notReached(values: readonly (number | null)[]): string | null {
  const missing = values.filter((value) => value === null).length
  if (missing === 0) return null
  return values.length === 1
    ? `not reached (cap ${CAP_MS / 1000} s)`
    : `not reached in ${missing} of ${values.length} runs (cap ${CAP_MS / 1000} s)`
}

function commonNotes(cell: DetectionCell): string[] {
  const notes: string[] = []
  const shownAs = unique(cell.runs.flatMap((run) => (run.shownAs ? [run.shownAs] : [])))
  if (shownAs.length > 0) notes.push(`shown as ${shownAs.join(' / ')}`)
  const wrong = unique(cell.runs.flatMap((run) => run.wrongStates))
  if (wrong.length > 0) notes.push(`${wrong.join(', ')} seen for ${cell.scenario}`)
  const before = unique(cell.runs.flatMap((run) => run.beforeSwitch))
  if (before.length > 0) notes.push(`before the switch: ${before.join(', ')}`)
  if (cell.runs.some((run) => run.withheld === false))
    notes.push('server did not take statusDelayMs: report NOT withheld')
  if (cell.runs.some((run) => !run.contentShown)) notes.push('content did not show before the switch')
  const failedClicks = cell.runs.reduce((sum, run) => sum + run.failedClicks, 0)
  if (failedClicks > 0) notes.push(`${failedClicks} navigation clicks failed`)
  return notes
}

/** The `detect-*` figures of the matrix. */
export function detectionFigures(cells: readonly DetectionCell[]): Figure[] {
  const figures: Figure[] = []
  for (const cell of cells) {
    const base = `detect-${cell.scenario}-${cell.mode}`
    const notes = commonNotes(cell)
    if (cell.scenario === 'healthy') {
      const counts = cell.runs.map((run) => run.nonOperational)
      figures.push({
        name: `${base}-non-operational`,
        value: median(counts),
        unit: 'count',
        samples: counts,
        target: '0',
        note: joinNotes([
          `non-operational states shown from page load to ${CAP_MS / 1000} s after the switch`,
          ...notes,
        ]),
      })
      continue
    }
    const detect = cell.runs.map((run) => run.detectMs)
    figures.push({
      name: `${base}-ms`,
      value: median(capped(detect)),
      unit: 'ms',
      samples: capped(detect),
      target: cell.mode === 'prompt' ? '≤ 10 s (stretch 5 s)' : undefined,
      note: joinNotes([notReached(detect), ...notes]),
    })
    if (cell.mode === 'withheld') {
      const fromAction = cell.runs.map((run) => run.fromActionMs)
      const firstActions = cell.runs.map((run) => run.firstActionMs).filter((value): value is number => value !== null)
      const beforeAction = cell.runs.some(
        (run) => run.detectMs !== null && run.firstActionMs !== null && run.detectMs < run.firstActionMs,
      )
      figures.push({
        name: `detect-${cell.scenario}-withheld-from-action-ms`,
        value: median(capped(fromAction)),
        unit: 'ms',
        samples: capped(fromAction),
        target: FROM_ACTION_TARGET,
        note: joinNotes([
          notReached(fromAction),
          firstActions.length > 0
            ? `first action ${seconds(median(firstActions))} after the switch`
            : 'no action after the switch',
          beforeAction ? 'shown before the first action (counted as 0)' : null,
        ]),
      })
    }
  }
  return figures
}
