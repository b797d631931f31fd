// @vitest-environment node
import { describe, expect, test } from 'vitest'
import { mergePageDocuments, parsePageDocument, type PageDocument } from '../../mocks/in-page/page-document'

const entry = (key: string, value: string) => ({ key, value, expiresAt: null })
const doc = (state: Record<string, unknown>, entries: ReturnType<typeof entry>[]): PageDocument => ({
  version: 1,
  sim: { version: 1, state },
  entries,
})

describe('two tabs’ documents merged', () => {
  const base = doc({ orders: {}, tokens: [], nextNumber: 1000 }, [entry('session:a', '1'), entry('stale:x', 'old')])

  test('each keeps what the other changed: keys and tenant fields apart, the counter the larger', () => {
    const theirs = doc({ orders: { o1: 1 }, tokens: [], nextNumber: 1001 }, [
      entry('session:a', '1'),
      entry('order-key:k', 'x'),
    ])
    const ours = doc({ orders: {}, tokens: [['t', 1]], nextNumber: 1000 }, [
      entry('session:a', '1'),
      entry('stale:x', 'new'),
    ])
    const merged = mergePageDocuments(base, ours, theirs)
    expect(merged.sim.state).toEqual({ orders: { o1: 1 }, tokens: [['t', 1]], nextNumber: 1001 })
    expect(Object.fromEntries(merged.entries.map((e) => [e.key, e.value]))).toEqual({
      'session:a': '1',
      'order-key:k': 'x',
      'stale:x': 'new',
    })
  })

  test('a key this tab deleted goes; the same key changed by both: this tab’s', () => {
    const theirs = doc(base.sim.state, [entry('session:a', 'theirs'), entry('stale:x', 'old')])
    const ours = doc(base.sim.state, [entry('session:a', 'ours')])
    const merged = mergePageDocuments(base, ours, theirs)
    expect(merged.entries).toEqual([entry('session:a', 'ours')])
  })

  test('a document of another shape or version is not one', () => {
    expect(parsePageDocument('{')).toBeNull()
    expect(parsePageDocument(JSON.stringify({ version: 2, sim: { version: 1, state: {} }, entries: [] }))).toBeNull()
    expect(parsePageDocument(JSON.stringify({ version: 1, sim: null, entries: [] }))).toBeNull()
    expect(
      parsePageDocument(JSON.stringify({ version: 1, sim: { version: 1, state: {} }, entries: [{ key: 1 }] }))?.entries,
    ).toEqual([])
  })
})
