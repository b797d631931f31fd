import { setupWorker } from 'msw/browser'
import { handlers } from './handlers'

/** The simulated billing backend in the browser (development and demo builds only). */
export const worker = setupWorker(...handlers)
