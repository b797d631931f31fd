/**
 * The subscription and the price of a change: read from Zuora (the copy when it fails), priced by
 * Zuora's order preview.
 */
import { quoteInputSchema, type Quote } from '../../src/lib/api/schemas'
import { applyItems, describeLine } from '../billing/apply-change'
import { providerError, readThrough, withProvider } from '../billing/provider-call'
import { newQuoteId, QUOTE_TTL_MS, saveQuote, whatIsBought } from '../billing/quotes'
import { readCurrentSubscription } from '../billing/current-subscription'
import { changeCatalogOf, contractSubscription, fetchZuoraSubscription } from '../billing/subscription-reads'
import { isoDay, requireSession } from '../context'
import { json, readBody } from '../http/respond'
import { staleResources } from '../stores/stale-copy'
import { callOperation } from '../zuora/adapter/operation'
import { planChange } from '../zuora/adapter/order-actions'
import { toQuote } from '../zuora/adapter/quote-map'
import type { RouteModule } from './types'

/**
 * No read of the subscription for a quote starts after this (ms): quick failures and stale
 * snapshots are read again within it, and the preview still fits the app's 15 s for a quote.
 */
const QUOTE_READ_BUDGET_MS = 5_000

export const subscriptionRoutes: RouteModule = (app, deps) => {
  app.get('/subscription', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    return readThrough(
      deps,
      {
        capability: 'subscription',
        accountId: account.id,
        resource: staleResources.subscription,
        scope: { requestId: c.get('requestId'), signal: c.req.raw.signal },
      },
      async (context) =>
        contractSubscription(
          await fetchZuoraSubscription(context, account, deps.catalog, isoDay(deps.clock.now())),
          account,
          deps.catalog,
          isoDay(deps.clock.now()),
        ),
    )
  })

  // Pricing changes nothing: every signed-in role may ask, and it is allowed in maintenance (the order is not).
  app.post('/quotes', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    const input = await readBody(c.req.raw, quoteInputSchema)
    const now = deps.clock.now()
    const today = isoDay(now)
    const scope = { requestId: c.get('requestId'), timeoutMs: deps.timeouts.readMs }
    try {
      const { quote, version } = await withProvider(deps, 'subscription', scope, async (context) => {
        const { zuora, version } = await readCurrentSubscription(deps, context, {
          account,
          today,
          budgetMs: QUOTE_READ_BUDGET_MS,
        })
        const current = contractSubscription(zuora, account, deps.catalog, today)
        const next = applyItems(current, input.items, changeCatalogOf(deps.catalog))
        const change = planChange(zuora, input.items, input.promoCode, { catalog: deps.catalog, today })
        const descriptions = input.items.map(
          (item) => describeLine(current, next, item, changeCatalogOf(deps.catalog)).description,
        )
        const preview = await callOperation(context, 'previewOrder', {
          capability: 'subscription',
          body: {
            existingAccountNumber: account.zuoraAccountNumber,
            orderDate: today,
            subscriptions: [{ subscriptionNumber: zuora.subscriptionNumber, orderActions: change.actions }],
            previewOptions: {
              previewThruType: 'SpecificDate',
              specificPreviewThruDate: current.renewsAt,
              previewTypes: ['BillingDocs'],
            },
          },
        })
        const priced = toQuote(preview, change, {
          items: input.items,
          descriptions,
          promoCode: input.promoCode,
          currency: deps.catalog.catalog.currency,
          prorationDate: today,
          periodEnd: current.renewsAt,
        })
        const quote: Quote = { id: newQuoteId(), ...priced, expiresAt: new Date(now + QUOTE_TTL_MS).toISOString() }
        return { quote, version }
      })
      await saveQuote(deps.store, {
        accountId: account.id,
        fingerprint: await whatIsBought(input),
        subscriptionVersion: version,
        quote,
        usedByKey: null,
      })
      return json(quote, 201)
    } catch (error) {
      throw providerError(error)
    }
  })
}
