/** Medians and the `name value` lines the bench prints. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export type Figure = {
  name: string
  value: number
  /** How it is printed: ms as integers, ratios with 2 decimals, kB with 1. */
  unit: 'ms' | 'ratio' | 'kB' | 'count' | 'per-minute'
  /** The runs behind a median, for the human table. */
  samples?: readonly number[]
  note?: string
  /** What it should be, printed beside it in the human table (never asserted). */
  target?: string
}

export function formatValue(figure: Pick<Figure, 'value' | 'unit'>): string {
  if (!Number.isFinite(figure.value)) return 'NaN'
  switch (figure.unit) {
    case 'ratio':
      return figure.value.toFixed(2)
    case 'kB':
    case 'per-minute':
      return figure.value.toFixed(1)
    default:
      return String(Math.round(figure.value))
  }
}

export const figureLine = (figure: Figure): string => `${figure.name} ${formatValue(figure)}`

/** The figures with their runs and notes; a target column only when some figure has a target. */
export function humanTable(figures: readonly Figure[]): string {
  const withTargets = figures.some((figure) => figure.target !== undefined)
  const rows = figures.map((figure) => [
    figure.name,
    `${formatValue(figure)}${figure.unit === 'ms' ? ' ms' : figure.unit === 'kB' ? ' kB' : ''}`,
    ...(withTargets ? [figure.target ?? ''] : []),
    figure.samples ? figure.samples.map((sample) => formatValue({ value: sample, unit: figure.unit })).join(' ') : '',
    figure.note ?? '',
  ])
  return textTable(['figure', 'value', ...(withTargets ? ['target'] : []), 'runs', 'note'], rows)
}

/** Columns padded to their widest cell, two spaces apart, under a header and a rule. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) => (cells[column] ?? '').padEnd(width))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
}
