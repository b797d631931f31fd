import { Suspense } from 'react'
import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { Page } from '@/components/page'
import { AccountMenu } from '@/features/session/account-menu'
import { useDescribeError } from '@/lib/api/describe-error'
import { isApiError } from '@/lib/api/errors'
import { useAvailability } from '@/lib/resilience/runtime-context'
import { useAvailabilitySync } from '@/lib/availability/use-availability-sync'
import { useLocale } from '@/lib/i18n/locale-store'
import { useCacheScope } from '@/lib/persistence/use-cache-scope'
import type { Me } from '@/lib/api/schemas'
import { CurrentUserContext } from '@/lib/session/current-user'
import { useMe } from '@/lib/session/session-queries'
import { appMessages } from '../app-messages'
import { AppNav } from './app-nav'
import { AvailabilityBanner } from './availability-banner'
import { ResumeCartLink } from './resume-cart-link'
import { LanguageSelect } from './language-select'

/** Every billing page sits in this frame; it renders pages only once it knows who is signed in. */
export function SignedInLayout() {
  const t = appMessages.useT()
  const describeError = useDescribeError()
  const me = useMe()
  const location = useLocation()
  const locale = useLocale()

  if (!me.data) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = `${location.pathname}${location.search}`
      return <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />
    }
    return (
      <main id="main" className="standalone" lang={locale}>
        {me.isError ? (
          <Page title={t('appUnavailableTitle')} description={t('appUnavailableLead')}>
            <p role="alert">{describeError(me.error)}</p>
            <button type="button" className="button button-primary" onClick={() => void me.refetch()} disabled={me.isFetching}>
              {t('reload')}
            </button>
          </Page>
        ) : me.fetchStatus === 'paused' ? (
          // First visit with no connection and nothing saved: say so, never an endless spinner.
          <Page title={t('offlineTitle')} description={t('offlineLead')}>
            <span role="status" className="visually-hidden">
              {t('offlineTitle')}
            </span>
          </Page>
        ) : (
          <p role="status" className="app-loading">
            {t('loadingApp')}
          </p>
        )}
      </main>
    )
  }

  return (
    <CurrentUserContext.Provider value={me.data}>
      <SignedInShell me={me.data} />
    </CurrentUserContext.Provider>
  )
}

/** The frame once the user is known; it keeps billing availability up to date while mounted. */
function SignedInShell({ me }: { me: Me }) {
  const t = appMessages.useT()
  useAvailabilitySync()
  const availability = useAvailability()
  useCacheScope(me)
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <p className="brand">{t('brand')}</p>
        <div className="app-header-tools">
          <LanguageSelect />
          <AccountMenu />
        </div>
      </header>
      <div className="app-body">
        <AppNav />
        <main id="main" className="app-main" tabIndex={-1}>
          {/* The state as data too: benchmarks and browser tests read it without parsing texts. */}
          <div
            className="banner-slot"
            data-availability-status={availability.status}
            data-availability-source={availability.source ?? undefined}
          >
            <AvailabilityBanner extra={<ResumeCartLink />} />
          </div>
          <Suspense fallback={<p role="status">{t('loadingApp')}</p>}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  )
}
