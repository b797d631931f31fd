import { useState, type FormEvent } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { TextField } from '@/components/field'
import { Notice } from '@/components/notice'
import { Page } from '@/components/page'
import { useDescribeError } from '@/lib/api/describe-error'
import { isApiError } from '@/lib/api/errors'
import { signInInputSchema } from '@/lib/api/schemas'
import { useSignIn } from './api/session-mutations'
import { signInMessages } from './sign-in-messages'

/** Only same-app paths: a `next` parameter must never send the admin to another site. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/'
}

export function SignInPage() {
  const t = signInMessages.useT()
  const describeError = useDescribeError()
  const navigate = useNavigate()
  const [searchParams] = useSearchParams()
  const signIn = useSignIn()
  const [email, setEmail] = useState('')
  // Not required here: the simulated backend's demo users sign in without one; the gateway says so if it is missing.
  const [password, setPassword] = useState('')
  const [fieldError, setFieldError] = useState<string>()
  const [passwordTooLong, setPasswordTooLong] = useState(false)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = signInInputSchema.safeParse({ email: email.trim(), ...(password === '' ? {} : { password }) })
    const invalid = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path[0])
    setFieldError(invalid.includes('email') ? t('invalidEmail') : undefined)
    // No password that long is anyone's: the same answer as a wrong one, without asking.
    setPasswordTooLong(invalid.includes('password'))
    if (!parsed.success) return
    signIn.mutate(parsed.data, {
      onSuccess: () => navigate(safeNextPath(searchParams.get('next')), { replace: true }),
    })
  }

  // Wrong email or wrong password: one answer, which says neither (the server names no field either).
  const refused =
    passwordTooLong || (isApiError(signIn.error) && signIn.error.code === 'invalid_credentials' && !signIn.isPending)
  const serverFieldError =
    !refused && isApiError(signIn.error) && signIn.error.fields?.email ? t('unknownEmail') : undefined
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
          <TextField
            label={t('password')}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            hint={__MOCKS__ ? t('passwordNotNeeded') : undefined}
          />
          {refused ? (
            <Notice tone="danger" live="assertive">
              {t('invalidCredentials')}
            </Notice>
          ) : signIn.isError && !serverFieldError ? (
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
