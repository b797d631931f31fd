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
      entry('stale:x', 'old'),
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

  test('the same key or field changed by both: the write that landed first (theirs); a key this tab deleted goes', () => {
    // Another tab switched the session's account while this one only touched it.
    const theirs = doc({ ...base.sim.state, orders: { o1: 1 } }, [
      entry('session:a', 'globex'),
      entry('stale:x', 'old'),
    ])
    const ours = doc({ ...base.sim.state, orders: { o2: 1 } }, [entry('session:a', 'touched')])
    const merged = mergePageDocuments(base, ours, theirs)
    expect(merged.entries).toEqual([entry('session:a', 'globex')])
    expect(merged.sim.state.orders).toEqual({ o1: 1 })
    // A sign-out here while the other tab touched the session: signed out.
    const signedOut = mergePageDocuments(base, doc(base.sim.state, [entry('stale:x', 'old')]), theirs)
    expect(signedOut.entries.map((e) => e.key)).toEqual(['stale:x'])
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
