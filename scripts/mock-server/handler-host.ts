/**
 * The scenario runner's HandlerHost (mocks/scenarios/scenario-runner.ts) over a plain list, with
 * MSW's semantics: `use()` puts handlers in front of the current ones, `resetHandlers()` goes back
 * to the healthy set. The HTTP server asks `current()` for every request.
 */
import type { RequestHandler } from 'msw'
import type { HandlerHost } from '../../mocks/scenarios/scenario-runner'

export type MutableHandlerHost = HandlerHost & { current(): readonly RequestHandler[] }

export function createHandlerHost(initial: readonly RequestHandler[]): MutableHandlerHost {
  let handlers: readonly RequestHandler[] = initial
  return {
    use: (...overrides) => void (handlers = [...overrides, ...handlers]),
    resetHandlers: () => void (handlers = initial),
    current: () => handlers,
  }
}
