import { Link, useNavigate } from 'react-router-dom'
import { ActionButton } from '@/components/action-button'
import { ActionGroup } from '@/components/action-group'
import { Notice } from '@/components/notice'
import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { useCartItemCount } from '@/billing/cart-store'
import { useAccount } from '@/billing/api/get-account'
import { useSubscription } from '@/billing/api/get-subscription'
import { useAsksForChanges } from '@/billing/request-draft-store'
import { AccountSummary } from './components/account-summary'
import { SubscriptionAddons } from './components/subscription-addons'
import { SubscriptionOverview } from './components/subscription-overview'
import { subscriptionMessages } from './subscription-messages'
import './subscription.css'
import { pageNames } from '@/lib/i18n/page-names-messages'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { changeMessages } from '@/billing/change-messages'

/** The billing home. */
export function SubscriptionPage() {
  const t = subscriptionMessages.useT()
  const c = changeMessages.useT()
  const page = pageNames.useT()
  const navigate = useNavigate()
  const subscription = useSubscription()
  const account = useAccount()
  const cartCount = useCartItemCount()
  // An admin without billing rights reaches the same controls, to ask for the change.
  const asks = useAsksForChanges()
  const changePlan = asks ? 'requests.ask' : 'subscription.changePlan'
  const manageAddons = asks ? 'requests.ask' : 'subscription.manageAddons'
  const headerReasons = [useActionAvailability(changePlan).reason, useActionAvailability(manageAddons).reason]

  return (
    <Page
      title={page('subscription')}
      description={t('lead')}
      actions={
        <ActionGroup reasons={headerReasons}>
          <ActionButton action={changePlan} variant="secondary" hideReason onClick={() => navigate('/plans')}>
            {t('changePlan')}
          </ActionButton>
          <ActionButton action={manageAddons} variant="secondary" hideReason onClick={() => navigate('/plans#addons')}>
            {t('manageAddons')}
          </ActionButton>
        </ActionGroup>
      }
    >
      {cartCount > 0 ? (
        <Notice
          tone="info"
          title={t('cartWaiting', { count: cartCount })}
          actions={
            <Link className="button button-secondary" to="/cart">
              {c('reviewCart')}
            </Link>
          }
        />
      ) : null}
      <QuerySection section="subscription.overview" title={t('overviewTitle')} query={subscription}>
        {(data) => <SubscriptionOverview subscription={data} />}
      </QuerySection>
      <QuerySection
        section="subscription.addons"
        title={t('addonsTitle')}
        query={subscription}
        isEmpty={(data) => data.addons.length === 0}
        empty={
          <>
            {t('addonsEmpty')} <Link to="/plans#addons">{t('browseAddons')}</Link>
          </>
        }
      >
        {(data) => <SubscriptionAddons addons={data.addons} />}
      </QuerySection>
      <QuerySection section="subscription.account" title={t('accountTitle')} query={account}>
        {(data) => <AccountSummary account={data} />}
      </QuerySection>
    </Page>
  )
}
