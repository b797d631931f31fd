/**
 * The header's tools (language, who is signed in, the account, sign-out) behind one button on a
 * phone: the button says whether they are shown and which panel it controls, and Escape folds them
 * again and gives the focus back to it. (At widths above a phone the button is hidden by CSS and
 * the tools always shown: tests/e2e/layout.spec.ts checks that in a real browser.)
 */
import { screen } from '@testing-library/react'
import { expect, test } from 'vitest'
import { renderApp } from '../support/render-app'
import { useScenario } from '../support/scenario'

test('the button opens and folds the tools, and Escape gives the focus back to it', async () => {
  await useScenario('healthy')
  const { user } = await renderApp('/')
  const toggle = await screen.findByRole('button', { name: 'Account and language' })
  expect(toggle).toHaveAttribute('aria-expanded', 'false')
  const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '')
  expect(panel).toContainElement(screen.getByLabelText('Language'))
  expect(panel).toContainElement(screen.getByRole('button', { name: 'Sign out' }))

  await user.click(toggle)
  expect(toggle).toHaveAttribute('aria-expanded', 'true')
  expect(panel).toHaveAttribute('data-open', 'true')
  await user.click(screen.getByLabelText('Language'))
  await user.keyboard('{Escape}')
  expect(toggle).toHaveAttribute('aria-expanded', 'false')
  expect(panel).not.toHaveAttribute('data-open')
  expect(toggle).toHaveFocus()
})
