/**
 * The page that hosts Zuora's Payment Pages 2.0 form: the card number is typed into Zuora's iframe,
 * never into the app or the gateway. Production: Zuora's hosted-page library renders the form with
 * the RSA signature the gateway obtained; the parameters travel as inert JSON and a small script
 * of the gateway's (no inline script: the deployment's CSP forbids it) calls `Z.render`.
 * Simulated mode: a plain HTML form posted to the gateway, which hands the card to the simulator.
 */
const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

const shell = (title: string, body: string, head = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>${head}
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}label{display:block;margin-top:1rem}input,select{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}button{margin-top:1.5rem;font:inherit;padding:.5rem 1rem}.error{color:#a00}</style>
</head><body>${body}</body></html>`

export type PageParams = {
  sessionId: string
  accountName: string
  cancelUrl: string
}

export function simulatedPaymentPage(params: PageParams & { errors?: Record<string, string>; year: number }): string {
  const error = (field: string) =>
    params.errors?.[field] ? `<span class="error" id="${field}-error">${escape(params.errors[field] ?? '')}</span>` : ''
  // A refused field says so to a screen reader too: its error is its description.
  const invalid = (field: string) =>
    params.errors?.[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : ''
  const months = Array.from({ length: 12 }, (_, i) => `<option>${i + 1}</option>`).join('')
  const years = Array.from({ length: 16 }, (_, i) => `<option>${params.year + i}</option>`).join('')
  const summary =
    params.errors && Object.keys(params.errors).length > 0
      ? '<p class="error" role="alert">The card was not accepted. Check the fields below.</p>'
      : ''
  return shell(
    'Update your card',
    `<main><h1>Update your card</h1><p>For ${escape(params.accountName)}. Simulated payment page: no card is charged.</p>${summary}
<form method="post" action="/api/payment-pages/${encodeURIComponent(params.sessionId)}/complete">
<label for="cardNumber">Card number</label><input id="cardNumber" name="cardNumber" autocomplete="cc-number" inputmode="numeric" required${invalid('cardNumber')}>${error('cardNumber')}
<label for="expMonth">Expiry month</label><select id="expMonth" name="expMonth" autocomplete="cc-exp-month"${invalid('expMonth')}>${months}</select>${error('expMonth')}
<label for="expYear">Expiry year</label><select id="expYear" name="expYear" autocomplete="cc-exp-year"${invalid('expYear')}>${years}</select>${error('expYear')}
<label for="holderName">Name on the card</label><input id="holderName" name="holderName" autocomplete="cc-name" required${invalid('holderName')}>${error('holderName')}
<button type="submit">Save card</button> <a href="${escape(params.cancelUrl)}">Cancel</a>
</form></main>`,
  )
}

/** Zuora's library and the render parameters (as JSON data, never as script). */
export function zuoraPaymentPage(params: PageParams & { renderParams: Record<string, string> }): string {
  return shell(
    'Update your card',
    `<main><h1>Update your card</h1><p>For ${escape(params.accountName)}.</p>
<div id="zuora_payment"></div><p><a href="${escape(params.cancelUrl)}">Cancel</a></p>
<script type="application/json" id="zuora-params">${JSON.stringify(params.renderParams).replace(/</g, '\\u003c')}</script>
<script src="https://static.zuora.com/Resources/libs/hosted/1.3.1/zuora-min.js"></script>
<script src="/api/payment-pages/${encodeURIComponent(params.sessionId)}/render.js"></script></main>`,
  )
}

/** Calls Z.render with the parameters above; Zuora calls back, and the browser returns to the app. */
export const renderScript = (successUrl: string, failureUrl: string) => `(function () {
  var params = JSON.parse(document.getElementById('zuora-params').textContent);
  Z.render(params, {}, function (response) {
    window.location.assign(response.success === 'true' || response.success === true ? ${JSON.stringify(successUrl)} : ${JSON.stringify(failureUrl)});
  });
})();
`
