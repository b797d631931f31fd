/**
 * Development and demo builds on the in-page gateway only: the gateway's hosted payment page.
 * A navigation never passes through MSW's service worker, so opening `/api/payment-pages/:id`
 * reaches the dev server, which answers with the app. This page then asks the gateway for its own
 * address through MSW (a fetch does pass through), shows the answer as the document, and sends the
 * form the same way: where the gateway redirects (back to the app), the browser goes; where it
 * answers with the page again (a card refused), that page is shown.
 */
const pagePath = /\/api\/payment-pages\/[^/]+$/

export const isGatewayHostedPage = (pathname: string): boolean => pagePath.test(pathname)

function show(html: string): void {
  document.open()
  document.write(html)
  document.close()
  // document.open() removes the listeners of the document it replaces.
  document.addEventListener('submit', (event) => void submit(event))
}

async function submit(event: SubmitEvent): Promise<void> {
  const form = event.target
  if (!(form instanceof HTMLFormElement)) return
  event.preventDefault()
  const button = form.querySelector('button[type="submit"]')
  if (button instanceof HTMLButtonElement) button.disabled = true
  try {
    const entries = [...new FormData(form)].map(([name, value]) => [name, String(value)])
    const answer = await fetch(form.action, { method: 'POST', body: new URLSearchParams(entries) })
    // Followed through the service worker, a redirect leaves `redirected` false: the address tells.
    const landed = new URL(answer.url, window.location.href)
    if (landed.href !== new URL(form.action, window.location.href).href) window.location.assign(landed.href)
    else show(await answer.text())
  } catch {
    if (button instanceof HTMLButtonElement) button.disabled = false
    window.alert('The simulated payment page could not be reached. Try again.')
  }
}

export async function showGatewayHostedPage(): Promise<void> {
  const answer = await fetch(window.location.href, { headers: { Accept: 'text/html' } })
  show(await answer.text())
}
