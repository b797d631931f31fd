import { useQueryClient } from '@tanstack/react-query'
import { Suspense, lazy, useEffect, useId, useRef, useState } from 'react'
import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { Page } from '@/components/page'
import { useCartStore } from '@/billing/cart-store'
import { AccountMenu } from '@/features/session/account-menu'
import { useDescribeError } from '@/lib/api/describe-error'
import { isSignedOut } from '@/lib/api/errors'
import { installRequestContext } from '@/lib/api/request'
import { useAvailability, useResilience } from '@/lib/resilience/runtime-context'
import { forgetLocalData } from '@/lib/session/local-data'
import { useAvailabilitySync } from '@/lib/availability/use-availability-sync'
import { useLocale } from '@/lib/i18n/locale-store'
import { scopeOf } from '@/lib/persistence/cache-scope'
import { useCacheScope } from '@/lib/persistence/use-cache-scope'
import type { Me } from '@/lib/api/schemas'
import { CurrentUserContext } from '@/lib/session/current-user'
import { useMe } from '@/lib/session/session-queries'
import { appMessages } from '../app-messages'
import { AppNav } from './app-nav'
import { AvailabilityBanner } from './availability-banner'
import { ResumeCartLink } from './resume-cart-link'
import { LanguageSelect } from './language-select'
import { useFirstStatusRead } from './use-first-status-read'
import { useAccountMovedElsewhere } from './use-account-moved'
import { useBannerPlacement } from './use-banner-placement'
import { Notice } from '@/components/notice'

/** Billing admins only, and never needed to show the first page: its code loads on its own. */
const ApprovedOrderLinker = lazy(() =>
  import('@/features/requests/components/approved-order-linker').then((m) => ({ default: m.ApprovedOrderLinker })),
)

/** Every billing page sits in this frame; it renders pages only once it knows who is signed in. */
export function SignedInLayout() {
  const t = appMessages.useT()
  const describeError = useDescribeError()
  const me = useMe()
  const location = useLocation()
  const locale = useLocale()

  // Who is signed in must be confirmed by the server in this visit before any saved page shows:
  // the browser's copy may be another user's or account's (a session changed elsewhere).
  const [mountedAt] = useState(() => Date.now())
  const confirmed = me.data !== undefined && me.dataUpdatedAt >= mountedAt
  const { refetch, isFetching } = me
  useEffect(() => {
    if (me.data !== undefined && !confirmed && !isFetching && !me.isError) void refetch()
  }, [me.data, confirmed, isFetching, me.isError, refetch])

  // The session ended (even while pages still show its data): forget it, sign in again.
  if (isSignedOut(me.error)) {
    const next = `${location.pathname}${location.search}`
    return <SignedOut to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} />
  }
  // Saved, not yet confirmed, and the server can be asked: ask first (an own endpoint: quick).
  if (me.data && !confirmed && me.fetchStatus === 'fetching') {
    return (
      <main id="main" className="standalone" lang={locale}>
        <p role="status" className="app-loading">
          {t('checkingSession')}
        </p>
      </main>
    )
  }
  if (!me.data) {
    return (
      <main id="main" className="standalone" lang={locale}>
        {me.isError ? (
          <Page title={t('appUnavailableTitle')} description={t('appUnavailableLead')}>
            <p role="alert">{describeError(me.error)}</p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void me.refetch()}
              disabled={me.isFetching}
            >
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

  // What this tab's requests say they are for: the account on screen (see request.ts). Set while
  // rendering, before the pages below send their first request.
  installRequestContext({ accountId: me.data.account.id })
  return (
    <CurrentUserContext.Provider value={me.data}>
      <SignedInShell me={me.data} confirmed={confirmed} />
    </CurrentUserContext.Provider>
  )
}

/**
 * The session ended: this browser forgets the user's saved data (storage and memory), then sign-in.
 * Their cart stays (an expired session is not a sign-out: the same admin signs back in), under its
 * user and account, shown to nobody else.
 */
function SignedOut({ to }: { to: string }) {
  const queryClient = useQueryClient()
  const runtime = useResilience()
  useEffect(() => {
    forgetLocalData({ keepCarts: true })
    runtime.reset()
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' })
    installRequestContext({ accountId: null })
  }, [queryClient, runtime])
  return <Navigate to={to} replace />
}

/** The frame once the user is known; it keeps billing availability up to date while mounted. */
function SignedInShell({ me, confirmed }: { me: Me; confirmed: boolean }) {
  const t = appMessages.useT()
  useAvailabilitySync()
  const availability = useAvailability()
  const statusRead = useFirstStatusRead()
  const placement = useBannerPlacement(availability.status, statusRead)
  useCacheScope(me, confirmed)
  const moved = useAccountMovedElsewhere(me)
  // A kept cart is its user's: once the server confirms someone else, nobody else's stays here.
  useEffect(() => {
    if (confirmed) useCartStore.getState().keepOnlyUser(me.user.id)
  }, [confirmed, me.user.id])
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <p className="brand">{t('brand')}</p>
        <HeaderTools />
      </header>
      <div className="app-body">
        <AppNav />
        {/* An order placed for an approved change request is recorded on it, from whichever page. */}
        {me.user.role === 'billing_admin' ? (
          <Suspense fallback={null}>
            <ApprovedOrderLinker />
          </Suspense>
        ) : null}
        <main id="main" className="app-main" tabIndex={-1}>
          {/* The state as data too: benchmarks and browser tests read it without parsing texts. */}
          <div
            className="banner-slot"
            data-availability-status={availability.status}
            data-availability-source={availability.source ?? undefined}
          >
            <div className={`banner-${placement}`}>
              <AvailabilityBanner extra={<ResumeCartLink />} keepPlace={placement === 'inline'} />
            </div>
          </div>
          {moved.from ? (
            <Notice
              tone="info"
              live="polite"
              actions={
                <button type="button" className="button button-secondary" onClick={moved.dismiss}>
                  {t('dismiss')}
                </button>
              }
            >
              <p>{t('accountMovedElsewhere', { account: me.account.name, previous: moved.from })}</p>
            </Notice>
          ) : null}
          {confirmed ? null : (
            // Offline, or who-am-I failing: the pages are this browser's saved copy, for this user only.
            <p className="notice notice-warning unconfirmed-session" role="status">
              {t('unconfirmedSession', { name: me.user.name, account: me.account.name })}
            </p>
          )}
          {statusRead ? (
            // Keyed by who and which account: nothing a page holds for one (an open form, a typed
            // draft, a pending click) survives into another. It is thrown away in the same commit
            // in which requests start saying the new account (SignedInLayout), so no save prepared
            // for Acme can go out as Globex's.
            <Suspense key={scopeOf(me.user.id, me.account.id)} fallback={<p role="status">{t('loadingApp')}</p>}>
              <Outlet />
            </Suspense>
          ) : (
            <p role="status">{t('loadingApp')}</p>
          )}
        </main>
      </div>
    </div>
  )
}

/**
 * Language, who is signed in, the account and sign-out. On a phone they fold behind one button, so
 * that the page's own heading (and an outage's reason) is on the first screen; wider, they are
 * always shown and the button is not there (styles.css).
 */
function HeaderTools() {
  const t = appMessages.useT()
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const toggle = useRef<HTMLButtonElement>(null)
  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="button button-secondary header-tools-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        {t('headerMenu')}
      </button>
      <div
        id={panelId}
        className="app-header-tools"
        data-open={open || undefined}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !open) return
          setOpen(false)
          toggle.current?.focus()
        }}
      >
        <LanguageSelect />
        <AccountMenu />
      </div>
    </>
  )
}
