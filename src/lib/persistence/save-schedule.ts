/**
 * When the saved cache is written: at most once per interval (each write serialises the whole
 * cache), except when a write must not wait. The value written is always the newest one handed in:
 * one that is waiting is replaced by a newer one, never written after it.
 */
export type SaveSchedule<Value> = {
  /**
   * Hands in the newest value: written at once (in a microtask, with the rest of the same batch) if
   * `now`, or if the last write is an interval old; otherwise when the interval has passed (whatever
   * is newest then). Resolves when a write started for this call has finished, at once when it waits.
   */
  save: (value: Value, options?: { now?: boolean }) => Promise<void>
  /** Writes the waiting value at once, if any (the page is being hidden or left). */
  flush: () => Promise<void>
  /** Forgets the waiting value: it may not be written any more. */
  cancel: () => void
}

export function createSaveSchedule<Value>({
  intervalMs,
  write,
  clock = Date.now,
}: {
  intervalMs: number
  /**
   * Writes a value. Started without waiting for an earlier write to finish, so that a flush on
   * leaving the page starts its write in the same task: the storage keeps writes in order.
   */
  write: (value: Value) => Promise<void>
  clock?: () => number
}): SaveSchedule<Value> {
  let waiting: { value: Value } | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastWriteAt = Number.NEGATIVE_INFINITY
  /** A write due at once, made in a microtask: the changes of one batch of cache events make one write. */
  let soon: Promise<void> | null = null

  const cancel = () => {
    clearTimeout(timer)
    timer = undefined
    waiting = null
  }
  const flush = async () => {
    const next = waiting
    cancel()
    if (next === null) return
    lastWriteAt = clock()
    await write(next.value)
  }

  return {
    save(value, { now = false } = {}) {
      waiting = { value }
      const wait = lastWriteAt + intervalMs - clock()
      if (now || wait <= 0)
        return (soon ??= Promise.resolve().then(() => {
          soon = null
          return flush()
        }))
      timer ??= setTimeout(() => void flush(), wait)
      return Promise.resolve()
    },
    flush,
    cancel,
  }
}
