import { useEffect, useRef, useState } from 'react'
import { useLocation } from 'react-router-dom'
import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { useSubscription } from '@/billing/api/get-subscription'
import { useCatalog } from '@/billing/api/get-catalog'
import { catalogMessages } from './catalog-messages'
import { AddedNoticeRegion, type AddedNotice } from './components/added-notice'
import { AddonList } from './components/addon-list'
import { PlanList } from './components/plan-list'
import './catalog.css'
import { pageNames } from '@/lib/i18n/page-names-messages'

/**
 * The catalog comes from the vendor's own API and stays up in an outage; the subscription (what
 * the admin has) is provider-backed, so the page works without it, just without marking it.
 */
export function CatalogPage() {
  const t = catalogMessages.useT()
  const page = pageNames.useT()
  const catalog = useCatalog()
  const subscription = useSubscription()
  const [notice, setNotice] = useState<AddedNotice | null>(null)
  const addonsRef = useRef<HTMLDivElement>(null)
  const { hash } = useLocation()
  const catalogReady = catalog.data !== undefined

  // "Manage add-ons" links to #addons: the router does not scroll to it, so bring it into view.
  useEffect(() => {
    if (hash !== '#addons' || !catalogReady) return
    addonsRef.current?.scrollIntoView?.({ block: 'start' })
    addonsRef.current?.focus({ preventScroll: true })
  }, [hash, catalogReady])

  return (
    <Page title={page('plans')} description={t('lead')}>
      <AddedNoticeRegion notice={notice} />
      <QuerySection
        section="catalog.plans"
        title={t('plansTitle')}
        query={catalog}
        isEmpty={(data) => data.plans.length === 0}
        empty={t('plansEmpty')}
      >
        {(data) => <PlanList plans={data.plans} subscription={subscription.data} onAdded={setNotice} />}
      </QuerySection>
      <div id="addons" ref={addonsRef} tabIndex={-1} className="catalog-anchor">
        <QuerySection
          section="catalog.addons"
          title={t('addonsTitle')}
          query={catalog}
          isEmpty={(data) => data.addons.length === 0}
          empty={t('addonsEmpty')}
        >
          {(data) => <AddonList addons={data.addons} subscription={subscription.data} onAdded={setNotice} />}
        </QuerySection>
      </div>
    </Page>
  )
}
