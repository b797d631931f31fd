/**
 * A self-contained HTML treemap (no library: it is opened from disk, once in a while): packages
 * and own folders as boxes, their modules inside, each area proportional to its gzipped bytes.
 * Layout: split the list in two halves of about equal weight along the box's longer side, and
 * recurse; boxes come out near square without a squarify algorithm's bookkeeping.
 */
export type ModuleWeight = { chunk: string; group: string; name: string; rawBytes: number; gzipBytes: number }

type Box = { x: number; y: number; w: number; h: number }
type Item<T> = { weight: number; value: T }

function layout<T>(items: Item<T>[], box: Box, place: (value: T, box: Box) => void): void {
  if (items.length === 0) return
  if (items.length === 1) return place(items[0]!.value, box)
  const total = items.reduce((sum, { weight }) => sum + weight, 0)
  let split = 0
  let left = 0
  while (split < items.length - 1 && left + items[split]!.weight <= total / 2) left += items[split++]!.weight
  if (split === 0) left = items[split++]!.weight
  const share = total === 0 ? 0.5 : left / total
  const [first, second] = [items.slice(0, split), items.slice(split)]
  if (box.w >= box.h) {
    layout(first, { ...box, w: box.w * share }, place)
    layout(second, { ...box, x: box.x + box.w * share, w: box.w * (1 - share) }, place)
  } else {
    layout(first, { ...box, h: box.h * share }, place)
    layout(second, { ...box, y: box.y + box.h * share, h: box.h * (1 - share) }, place)
  }
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
const hue = (text: string) => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7)
const style = ({ x, y, w, h }: Box) =>
  `left:${x.toFixed(2)}%;top:${y.toFixed(2)}%;width:${w.toFixed(2)}%;height:${h.toFixed(2)}%`

export function treemapHtml(weights: ModuleWeight[], totalGzipBytes: number): string {
  const groups = new Map<string, ModuleWeight[]>()
  for (const weight of weights) groups.set(weight.group, [...(groups.get(weight.group) ?? []), weight])
  const groupItems = [...groups.entries()]
    .map(([group, modules]) => ({
      weight: modules.reduce((sum, m) => sum + m.gzipBytes, 0),
      value: { group, modules },
    }))
    .sort((a, b) => b.weight - a.weight)
  const boxes: string[] = []
  layout(groupItems, { x: 0, y: 0, w: 100, h: 100 }, ({ group, modules }, outer) => {
    const size = modules.reduce((sum, m) => sum + m.gzipBytes, 0)
    boxes.push(
      `<div class="g" style="${style(outer)};background:hsl(${hue(group)} 45% 80%)" title="${escape(group)} ${kB(size)}"><span>${escape(group)} ${kB(size)}</span></div>`,
    )
    const inner = modules.map((m) => ({ weight: m.gzipBytes, value: m })).sort((a, b) => b.weight - a.weight)
    const content = {
      x: outer.x,
      y: outer.y + Math.min(2, outer.h / 4),
      w: outer.w,
      h: outer.h - Math.min(2, outer.h / 4),
    }
    layout(inner, content, (m, box) => {
      const label = `${m.name} ${kB(m.gzipBytes)} (${m.chunk})`
      boxes.push(
        `<div class="m" style="${style(box)}" title="${escape(label)}"><span>${escape(m.name.split('/').pop() ?? m.name)} ${kB(m.gzipBytes)}</span></div>`,
      )
    })
  })
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>First page JavaScript</title>
<style>body{font:12px system-ui;margin:8px}#map{position:relative;width:100%;height:90vh}
.g,.m{position:absolute;box-sizing:border-box;overflow:hidden}.g{border:1px solid #333}
.m{border:1px solid rgb(0 0 0 / 20%);background:rgb(255 255 255 / 35%)}span{padding:1px 3px;white-space:nowrap;font-size:11px}</style>
<h1>First page: ${kB(totalGzipBytes)} gzipped (hover a box for its module)</h1><div id="map">${boxes.join('\n')}</div></html>
`
}
