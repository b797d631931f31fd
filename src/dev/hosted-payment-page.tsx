/**
 * Development and demo builds only: the billing provider's hosted payment page, simulated. In
 * production this page belongs to the provider, on its own domain; the app never sees the card.
 * That is why it talks to the provider's endpoint with plain `fetch` (not the app's API client),
 * is in English only, and does not use the app's session.
 */
import { useQuery, useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router-dom'
import { SelectField, TextField } from '@/components/field'
import { apiErrorSchema } from '@/lib/api/schemas'
import {
  hostedCardInputSchema,
  hostedPaymentApiPath,
  hostedPaymentResultSchema,
  hostedPaymentSessionSchema,
  type HostedCardInput,
} from '../../mocks/hosted-payment-contract'
import './hosted-payment-page.css'

type CardField = keyof HostedCardInput
type FieldErrors = Partial<Record<CardField, string>>

class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: FieldErrors = {},
  ) {
    super(message)
  }
}

async function providerFetch(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(path, {
    ...init,
    headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
  })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body)
    throw new ProviderError(
      parsed.success ? parsed.data.error.message : `The provider answered ${response.status}.`,
      response.status,
      parsed.success ? parsed.data.error.fields : {},
    )
  }
  return body
}

/** Where to send the browser back to, with the outcome; only an address of this same app. */
export function returnTarget(
  returnUrl: string | null,
  result: 'success' | 'cancelled',
  origin = window.location.origin,
): string | null {
  if (!returnUrl) return null
  let url: URL
  try {
    url = new URL(returnUrl, origin)
  } catch {
    return null
  }
  if (url.origin !== origin) return null
  url.searchParams.set('result', result)
  return url.toString()
}

const months = Array.from({ length: 12 }, (_, i) => i + 1)

export function HostedPaymentPage() {
  const [params] = useSearchParams()
  const sessionId = params.get('session') ?? ''
  const returnUrl = params.get('returnUrl')
  const successUrl = returnTarget(returnUrl, 'success')
  const cancelUrl = returnTarget(returnUrl, 'cancelled')
  const [thisYear] = useState(() => new Date().getUTCFullYear())
  const years = Array.from({ length: 16 }, (_, i) => thisYear + i)

  const [card, setCard] = useState({ cardNumber: '', expMonth: '', expYear: '', holderName: '' })
  const [errors, setErrors] = useState<FieldErrors>({})

  const session = useQuery({
    queryKey: ['mock-provider', 'hosted-payment', sessionId],
    queryFn: async () => hostedPaymentSessionSchema.parse(await providerFetch(hostedPaymentApiPath(sessionId))),
    enabled: sessionId !== '',
    retry: false,
    gcTime: 0,
  })

  const pay = useMutation({
    mutationFn: async (input: HostedCardInput) =>
      hostedPaymentResultSchema.parse(
        await providerFetch(hostedPaymentApiPath(sessionId), { method: 'POST', body: JSON.stringify(input) }),
      ),
    onSuccess: () => {
      if (successUrl) window.location.assign(successUrl)
    },
    onError: (error) => {
      if (error instanceof ProviderError) setErrors(error.fields)
    },
  })

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const parsed = hostedCardInputSchema.safeParse({
      cardNumber: card.cardNumber,
      expMonth: Number(card.expMonth) || 0,
      expYear: Number(card.expYear) || 0,
      holderName: card.holderName,
    })
    if (!parsed.success) {
      const found: FieldErrors = {}
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as CardField
        found[field] ??=
          field === 'expMonth'
            ? 'Choose the expiry month.'
            : field === 'expYear'
              ? 'Choose the expiry year.'
              : issue.message
      }
      setErrors(found)
      const first = (['cardNumber', 'expMonth', 'expYear', 'holderName'] as const).find((field) => found[field])
      const element = first ? form.elements.namedItem(first) : null
      if (element instanceof HTMLElement) element.focus()
      return
    }
    setErrors({})
    pay.mutate(parsed.data)
  }

  const set = (field: CardField) => (value: string) => {
    setCard((current) => ({ ...current, [field]: value }))
    setErrors((current) => ({ ...current, [field]: undefined }))
  }

  let problem: string | null = null
  if (!successUrl || !cancelUrl)
    problem =
      'This payment page was opened with a return address outside the billing app, so it will not send you there. Start again from the app.'
  else if (!sessionId) problem = 'This payment link has no session. Start again from the app.'
  else if (session.isError) problem = session.error.message
  const busy = pay.isPending || pay.isSuccess
  const formError =
    pay.error && !(pay.error instanceof ProviderError && Object.keys(pay.error.fields).length > 0)
      ? pay.error.message
      : null

  return (
    <div className="hosted-pay" lang="en">
      <p className="hosted-pay-banner">Simulated payment provider · development only · no real card is charged</p>
      <main id="main" className="hosted-pay-card">
        <h1>Simulated payment provider</h1>
        {problem ? (
          <p className="hosted-pay-error" role="alert">
            {problem}
          </p>
        ) : session.data ? (
          <>
            <p className="hosted-pay-muted">
              Save a card for <strong>{session.data.accountName}</strong>. Test card: 4242 4242 4242 4242.
            </p>
            <form className="form" onSubmit={submit} noValidate aria-busy={busy || undefined}>
              <TextField
                label="Card number"
                name="cardNumber"
                inputMode="numeric"
                autoComplete="cc-number"
                value={card.cardNumber}
                onChange={(event) => set('cardNumber')(event.target.value)}
                error={errors.cardNumber}
              />
              <div className="hosted-pay-row">
                <SelectField
                  label="Expiry month"
                  name="expMonth"
                  autoComplete="cc-exp-month"
                  value={card.expMonth}
                  onChange={(event) => set('expMonth')(event.target.value)}
                  error={errors.expMonth}
                >
                  <option value="">Month</option>
                  {months.map((month) => (
                    <option key={month} value={month}>
                      {String(month).padStart(2, '0')}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  label="Expiry year"
                  name="expYear"
                  autoComplete="cc-exp-year"
                  value={card.expYear}
                  onChange={(event) => set('expYear')(event.target.value)}
                  error={errors.expYear}
                >
                  <option value="">Year</option>
                  {years.map((year) => (
                    <option key={year} value={year}>
                      {year}
                    </option>
                  ))}
                </SelectField>
              </div>
              <TextField
                label="Name on card"
                name="holderName"
                autoComplete="cc-name"
                value={card.holderName}
                onChange={(event) => set('holderName')(event.target.value)}
                error={errors.holderName}
              />
              {formError ? (
                <p className="hosted-pay-error" role="alert">
                  {formError}
                </p>
              ) : null}
              <div className="hosted-pay-actions">
                <button type="submit" className="button button-primary" disabled={busy}>
                  {busy ? 'Saving card…' : 'Save card'}
                </button>
                <a href={cancelUrl ?? undefined}>Cancel and return</a>
              </div>
            </form>
          </>
        ) : (
          <p role="status">Loading the payment session…</p>
        )}
      </main>
    </div>
  )
}
