// @vitest-environment node
import { expect, test } from 'vitest'
import { handleUnhandledRejection, isClientAbort } from '../../gateway/node/client-aborts'

const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })

test('a browser that went away is logged and the gateway goes on; anything else still ends the process', () => {
  const events: Record<string, unknown>[] = []
  const exits: number[] = []
  const handle = (reason: unknown) =>
    handleUnhandledRejection(
      reason,
      (event) => events.push(event),
      (code) => exits.push(code),
    )

  handle(new Error('aborted')) // Node's HTTP server, a request body cut off
  handle(reset)
  handle('Error: aborted') // the request signal's reason, as @hono/node-server aborts it
  expect(exits).toEqual([])
  expect(events.map((event) => event.event)).toEqual(['client_aborted', 'client_aborted', 'client_aborted'])

  handle(new TypeError("Cannot read properties of undefined (reading 'id')"))
  handle('a string')
  expect(exits).toEqual([1, 1])
  expect(events.slice(3)).toMatchObject([
    { event: 'unhandled_rejection', message: "Cannot read properties of undefined (reading 'id')" },
    { event: 'unhandled_rejection', message: 'a string' },
  ])
})

test('only the client’s leaving counts as one', () => {
  expect(isClientAbort(new Error('aborted'))).toBe(true)
  expect(isClientAbort(reset)).toBe(true)
  expect(isClientAbort(new Error('Redis is down'))).toBe(false)
  expect(isClientAbort('Client connection prematurely closed.')).toBe(true)
  expect(isClientAbort({ message: 'aborted' })).toBe(false)
  expect(isClientAbort('something else')).toBe(false)
})
