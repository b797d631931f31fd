/**
 * Renewal on the subscription page, through the billing gateway inside MSW to the simulated Zuora:
 * turned off after a confirmation that says what stops and when, shown as the end date, and turned
 * back on; paused with its reason while the provider is down. A viewer asks for it instead
 * (requests-renewal.test.tsx).
 */
import { screen, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { renderAppOnGateway } from '../support/render-on-gateway'

const isPaused = (button: HTMLElement) =>
  button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true'

test('an admin turns renewal off after the confirmation, sees the end date, and turns it back on', async () => {
  const { user } = await renderAppOnGateway('/')
  const overview = await screen.findByRole('region', { name: 'Overview' })
  const renews = await within(overview).findByText('Renews on')
  const date = renews.nextElementSibling?.textContent ?? ''
  expect(date).toMatch(/\d{4}/)

  // The control's code loads as the overview renders (renewal-slot.tsx).
  await user.click(await within(overview).findByRole('button', { name: 'Turn off renewal' }))
  const confirmation = within(overview).getByRole('region', { name: 'Turn off renewal?' })
  expect(confirmation).toHaveTextContent(
    `Your subscription ends on ${date}: seats and add-ons stop then; invoices stay readable.`,
  )
  await user.click(within(confirmation).getByRole('button', { name: `Yes, end it on ${date}` }))

  expect(await within(overview).findByText('Ends on')).toBeInTheDocument()
  expect(within(overview).getByText('Ends on').nextElementSibling).toHaveTextContent(date)
  expect(within(overview).queryByText('Renews on')).not.toBeInTheDocument()
  expect(within(overview).getByText('Next invoice (estimate)').nextElementSibling).toHaveTextContent(
    `None: the subscription ends on ${date}`,
  )
  expect(within(overview).getByText(`Renewal is off: your subscription ends on ${date}.`)).toBeInTheDocument()
  const backOn = within(overview).getByRole('button', { name: 'Turn renewal back on' })
  expect(backOn).toHaveFocus()

  await user.click(backOn)
  expect(await within(overview).findByText('Renews on')).toBeInTheDocument()
  expect(within(overview).getByRole('status')).toHaveTextContent(`Renewal is on: your subscription renews on ${date}.`)
  expect(within(overview).getByRole('button', { name: 'Turn off renewal' })).toHaveFocus()
})

test('provider-down at the simulated Zuora pauses "Turn off renewal", with the reason shown', async () => {
  const { page } = await renderAppOnGateway('/')
  expect(isPaused(await screen.findByRole('button', { name: 'Turn off renewal' }))).toBe(false)
  await page.scenarios.select('provider-down', {})
  await expect
    .poll(() => isPaused(screen.getByRole('button', { name: 'Turn off renewal' })), { timeout: 20_000, interval: 200 })
    .toBe(true)
  expect(screen.getByRole('button', { name: 'Turn off renewal' })).toHaveAccessibleDescription(
    'Paused: the billing provider is unavailable',
  )
}, 30_000)
