import { QueryClient, dehydrate, hashKey } from '@tanstack/react-query'
import { expect, test } from 'vitest'
import { cacheBuster, deserializeCache } from '@/lib/persistence/persisted-cache'
import { db } from '../../mocks/db'
import { cacheScopeKey, ownerScope } from '../support/saved-cache'

function savedBlob(edit: (queries: { queryKey: unknown[]; queryHash: string }[]) => void) {
  const client = new QueryClient()
  client.setQueryData(['account'], db.getAccount('acc_acme'))
  client.setQueryData(['subscription'], db.getSubscription('acc_acme'))
  const state = dehydrate(client)
  edit(state.queries as unknown as { queryKey: unknown[]; queryHash: string }[])
  localStorage.setItem(cacheScopeKey, ownerScope)
  return JSON.stringify({ buster: cacheBuster, timestamp: Date.now(), clientState: state, scope: ownerScope })
}

test('a saved entry whose hash is not its key’s is dropped: data never moves under another query', () => {
  const text = savedBlob((queries) => {
    const account = queries.find((query) => query.queryKey[0] === 'account')!
    account.queryHash = hashKey(['subscription']) // tampered: the account answer would land as the subscription
  })
  const restored = deserializeCache(text)
  expect(restored.clientState.queries.map((query) => query.queryKey)).toEqual([['subscription']])
})

test('a saved cache of another scope, a broken one, or garbage restores nothing and throws nothing', () => {
  const text = savedBlob(() => undefined)
  localStorage.setItem(cacheScopeKey, 'usr_bruno:acc_acme')
  expect(deserializeCache(text).clientState.queries).toEqual([])
  expect(deserializeCache('{"clientState":').clientState.queries).toEqual([])
  expect(deserializeCache('null').clientState.queries).toEqual([])
})
