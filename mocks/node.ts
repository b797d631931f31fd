import { setupServer } from 'msw/node'
import { handlers } from './handlers'

/** The simulated billing backend for unit and integration tests (tests/setup.ts starts it). */
export const server = setupServer(...handlers)
