import { useState, type FormEvent } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { TextField } from '@/components/field'
import { Notice } from '@/components/notice'
import { Page } from '@/components/page'
import { useDescribeError } from '@/lib/api/describe-error'
import { isApiError } from '@/lib/api/errors'
import { signInInputSchema } from '@/lib/api/schemas'
import { useSignIn } from './api/session-mutations'
import { sessionMessages } from './session-messages'

/** Only same-app paths: a `next` parameter must never send the admin to another site. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/'
}

export function SignInPage() {
  const t = sessionMessages.useT()
  const describeError = useDescribeError()
  const navigate = useNavigate()
  const [searchParams] = useSearchParams()
  const signIn = useSignIn()
  const [email, setEmail] = useState('')
  const [fieldError, setFieldError] = useState<string>()

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = signInInputSchema.safeParse({ email: email.trim() })
    if (!parsed.success) {
      setFieldError(t('invalidEmail'))
      return
    }
    setFieldError(undefined)
    signIn.mutate(parsed.data, {
      onSuccess: () => navigate(safeNextPath(searchParams.get('next')), { replace: true }),
    })
  }

  const serverFieldError = isApiError(signIn.error) && signIn.error.fields?.email ? t('unknownEmail') : undefined
  return (
    <main id="main" className="sign-in">
      <Page title={t('signInTitle')} description={t('signInLead')}>
        <form className="card form" onSubmit={onSubmit} noValidate>
          <TextField
            label={t('email')}
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={fieldError ?? serverFieldError}
            required
          />
          {signIn.isError && !serverFieldError ? (
            <Notice tone="danger" live="assertive">
              {describeError(signIn.error)}
            </Notice>
          ) : null}
          <button type="submit" className="button button-primary" disabled={signIn.isPending}>
            {signIn.isPending ? t('signingIn') : t('signIn')}
          </button>
        </form>
        {__MOCKS__ ? (
          <section className="card" aria-label={t('demoUsers')}>
            <p>{t('demoUsers')}</p>
            <ul>
              <li>
                <code>owner@acme.test</code>: {t('demoOwner')}
              </li>
              <li>
                <code>viewer@acme.test</code>: {t('demoViewer')}
              </li>
              <li>
                <code>ops@vendor.test</code>: {t('demoOperator')}
              </li>
            </ul>
          </section>
        ) : null}
      </Page>
    </main>
  )
}
