import { act } from '@testing-library/react'
import { sessionChangeKey } from '@/lib/session/local-data'
import { mockOrigin } from '../../mocks/api-base'
import { pageCookieHeaders } from '../../mocks/in-page/in-page-gateway'
import { testGateway } from './test-gateway'

/** What another tab's sign-in, sign-out or account switch looks like from this one: a storage event. */
export const anotherTabChangedTheSession = () =>
  act(() => {
    localStorage.setItem(sessionChangeKey, String(Date.now()))
    window.dispatchEvent(new StorageEvent('storage', { key: sessionChangeKey, storageArea: localStorage }))
  })

/**
 * Another tab of this browser switches the account of the session both share (its cookie is this
 * page's), straight at the test's gateway: not through MSW, so a request log of this page does not
 * see it. This tab hears of it only by the storage event (`anotherTabChangedTheSession`).
 */
export async function anotherTabSwitchedAccount(accountId: string): Promise<void> {
  const response = await testGateway()
    .gateway()
    .fetch(
      new Request(`${mockOrigin}/api/session/account`, {
        method: 'PUT',
        headers: {
          Origin: mockOrigin,
          'Content-Type': 'application/json',
          [pageCookieHeaders.request]: document.cookie,
        },
        body: JSON.stringify({ accountId }),
      }),
    )
  if (!response.ok) throw new Error(`PUT /session/account answered ${response.status}: ${await response.text()}`)
}

/** Another tab of this browser signs out the session both share, the same way (straight at the gateway). */
export async function anotherTabSignedOut(): Promise<void> {
  const response = await testGateway()
    .gateway()
    .fetch(
      new Request(`${mockOrigin}/api/session`, {
        method: 'DELETE',
        headers: { Origin: mockOrigin, [pageCookieHeaders.request]: document.cookie },
      }),
    )
  if (!response.ok) throw new Error(`DELETE /session answered ${response.status}: ${await response.text()}`)
}
