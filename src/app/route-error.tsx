import { Page } from '@/components/page'
import { appMessages } from './app-messages'

/** Last resort when a page's code fails to load or throws: say so, keep the way back. */
export function RouteError() {
  const t = appMessages.useT()
  return (
    <main id="main" className="standalone">
      <Page title={t('routeErrorTitle')} description={t('routeErrorLead')}>
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('reload')}
        </button>
      </Page>
    </main>
  )
}
