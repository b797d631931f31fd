import { onlineManager } from '@tanstack/react-query'
import { act, screen } from '@testing-library/react'
import { expect, onTestFinished, test } from 'vitest'
import { renderApp, signInPage } from '../support/render-app'
import { logRequests } from '../support/request-log'

test('a first visit while offline says so instead of loading forever, and opens once the connection is back', async () => {
  onlineManager.setOnline(false)
  onTestFinished(() => onlineManager.setOnline(true))
  await signInPage('owner') // signed in earlier: this visit is the app's own
  const log = logRequests()
  await renderApp('/', { as: null })

  expect(await screen.findByRole('heading', { level: 1, name: "You're offline" })).toBeInTheDocument()
  expect(log).toEqual([])

  act(() => onlineManager.setOnline(true))
  expect(await screen.findByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
})
