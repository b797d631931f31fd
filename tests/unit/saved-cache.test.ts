import { QueryClient, dehydrate, hashKey } from '@tanstack/react-query'
import { expect, test } from 'vitest'
import { cacheBuster, deserializeCache } from '@/lib/persistence/persisted-cache'
import { gatewayAs } from '../support/gateway-as'
import { cacheScopeKey, ownerScope } from '../support/saved-cache'

/** A saved cache of the owner's account and subscription, as the billing gateway answered them. */
async function savedBlob(edit: (queries: { queryKey: unknown[]; queryHash: string }[]) => void) {
  const owner = await gatewayAs('owner')
  const client = new QueryClient()
  client.setQueryData(['account'], await owner.call('GET', '/account'))
  client.setQueryData(['subscription'], await owner.call('GET', '/subscription'))
  const state = dehydrate(client)
  edit(state.queries as unknown as { queryKey: unknown[]; queryHash: string }[])
  localStorage.setItem(cacheScopeKey, ownerScope)
  return JSON.stringify({ buster: cacheBuster, timestamp: Date.now(), clientState: state, scope: ownerScope })
}

test('a saved entry whose hash is not its key’s is dropped: data never moves under another query', async () => {
  const text = await savedBlob((queries) => {
    const account = queries.find((query) => query.queryKey[0] === 'account')!
    account.queryHash = hashKey(['subscription']) // tampered: the account answer would land as the subscription
  })
  const restored = deserializeCache(text)
  expect(restored.clientState.queries.map((query) => query.queryKey)).toEqual([['subscription']])
})

test('a saved cache of another scope, a broken one, or garbage restores nothing and throws nothing', async () => {
  const text = await savedBlob(() => undefined)
  localStorage.setItem(cacheScopeKey, 'usr_bruno:acc_acme')
  expect(deserializeCache(text).clientState.queries).toEqual([])
  expect(deserializeCache('{"clientState":').clientState.queries).toEqual([])
  expect(deserializeCache('null').clientState.queries).toEqual([])
})
