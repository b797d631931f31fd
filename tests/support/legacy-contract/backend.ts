/**
 * The contract backend (mocks/db.ts, mocks/handlers) as the API of the file that imports this, in
 * place of the billing gateway tests/setup.ts gives every page test: for the tests of that backend
 * itself (tests/mocks), and for the four page tests the gateway answers differently
 * (tests/integration/scenarios-contract-backend.test.tsx), which take render-app and scenario from
 * this folder too. It goes with the contract backend (issue 16).
 */
import { afterEach, beforeEach } from 'vitest'
import { db } from '../../../mocks/db'
import { handlers } from '../../../mocks/handlers'
import { server } from '../../../mocks/node'

beforeEach(() => {
  server.resetHandlers(...handlers)
})

afterEach(() => {
  db.reset()
})
