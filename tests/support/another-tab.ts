import { act } from '@testing-library/react'
import { sessionChangeKey } from '@/lib/session/local-data'

/** What another tab's sign-in, sign-out or account switch looks like from this one: a storage event. */
export const anotherTabChangedTheSession = () =>
  act(() => {
    localStorage.setItem(sessionChangeKey, String(Date.now()))
    window.dispatchEvent(new StorageEvent('storage', { key: sessionChangeKey, storageArea: localStorage }))
  })
