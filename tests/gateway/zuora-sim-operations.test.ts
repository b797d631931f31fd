// @vitest-environment node
/**
 * Every operation of the Zuora simulator on its happy path, in-process, each answer parsed with
 * the typed description's response schema (gateway/zuora/spec), and the refusals Zuora answers
 * with `success: false` on a 200.
 */
import { beforeEach, expect, test } from 'vitest'
import { getCatalogResponseSchema } from '../../gateway/zuora/spec'
import { demoPaymentPageId, helpDeskProduct, zuoraAddonIds, zuoraDiscountIds, zuoraPlanIds } from '../../mocks/zuora'
import { acmeSubscription, parsedAs, seatsOrder, simHarness, TODAY, type SimHarness } from './zuora-sim-client'

let h: SimHarness
beforeEach(async () => {
  h = simHarness()
  await h.signIn()
})

const action = (type: string, payload: Record<string, unknown>) => ({
  type,
  triggerDates: [{ name: 'ContractEffective', triggerDate: TODAY }],
  ...payload,
})

test('createToken: a bearer for 3599 s with the demo client; other credentials get 401', async () => {
  const answer = await h.call('POST', '/oauth/token', {
    form: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
  })
  const body = await parsedAs('createToken', answer)
  expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3599 })
  const refused = await h.call('POST', '/oauth/token', {
    form: 'grant_type=client_credentials&client_id=demo-client&client_secret=wrong',
  })
  expect(refused.status).toBe(401)
})

test('getSubscriptionsByAccount: Acme on Professional with 25 seats, the seats charge segmented 24 → 25', async () => {
  const body = await parsedAs('getSubscriptionsByAccount', await h.get('/v1/subscriptions/accounts/A00000001'))
  const subscription = await acmeSubscription(h)
  expect(body.success).toBe(true)
  const [plan, ...addons] = subscription.ratePlans
  expect(plan).toMatchObject({ productRatePlanId: zuoraPlanIds.plan_professional.productRatePlanId })
  expect(plan?.ratePlanCharges[0]).toMatchObject({ quantity: 25, segment: 2 })
  expect(addons.map((a) => [a.productRatePlanId, a.ratePlanCharges[0]?.quantity])).toEqual([
    [zuoraAddonIds.addon_advanced_ai.productRatePlanId, 10],
    [zuoraAddonIds.addon_storage.productRatePlanId, 2],
  ])
  const all = (await (await h.get('/v1/subscriptions/accounts/A00000001?charge-detail=all-segments')).json()) as {
    subscriptions: Array<{
      ratePlans: Array<{ ratePlanCharges: Array<{ chargeSegments: Array<{ quantity: number }> }> }>
    }>
  }
  const segments = all.subscriptions[0]?.ratePlans[0]?.ratePlanCharges[0]?.chargeSegments
  expect(segments?.map((s) => s.quantity)).toEqual([24, 25])
})

test('previewOrder: 25 → 30 seats credits the old quantity and charges the new, prorated to the term end', async () => {
  const order = await seatsOrder(h, 30)
  const answer = await h.post('/v1/orders/preview', {
    ...order,
    previewOptions: {
      previewThruType: 'SpecificDate',
      specificPreviewThruDate: '2026-04-12',
      previewTypes: ['BillingDocs'],
    },
  })
  const body = (await parsedAs('previewOrder', answer)) as {
    previewResult: { invoices: Array<{ amount: number; invoiceItems: Array<{ amountWithoutTax: number }> }> }
  }
  // Term 2026-03-12 → 2026-04-12 (31 days), 23 days left, $49 a seat.
  const credit = -Math.round((25 * 4900 * 23) / 31) / 100
  const charge = Math.round((30 * 4900 * 23) / 31) / 100
  expect(body.previewResult.invoices[0]?.invoiceItems.map((i) => i.amountWithoutTax)).toEqual([credit, charge])
  expect(body.previewResult.invoices[0]?.amount).toBeCloseTo(credit + charge, 2)
})

test('previewOrder: a promo code is a discount plan taking its percent off the positive part', async () => {
  const order = await seatsOrder(h, 30)
  const subscription = order.subscriptions[0]
  subscription?.orderActions.push(
    action('AddProduct', { addProduct: { productRatePlanId: zuoraDiscountIds.SAVE10.productRatePlanId } }) as never,
  )
  const body = (await (
    await h.post('/v1/orders/preview', {
      ...order,
      previewOptions: { previewThruType: 'TermEnd', previewTypes: ['BillingDocs'] },
    })
  ).json()) as {
    previewResult: { invoices: Array<{ invoiceItems: Array<{ amountWithoutTax: number; processingType: string }> }> }
  }
  const items = body.previewResult.invoices[0]?.invoiceItems ?? []
  const net = (Math.round((30 * 4900 * 23) / 31) - Math.round((25 * 4900 * 23) / 31)) / 100
  expect(items.at(-1)).toMatchObject({ processingType: 'Discount', amountWithoutTax: -Math.round(net * 10) / 100 })
})

test('createOrder and getOrder: the order changes the subscription (a new segment) and can be read by its number', async () => {
  const order = await seatsOrder(h, 30, {
    orderNumber: 'ORD-ACME-1',
    processingOptions: { runBilling: true, collectPayment: true },
  })
  const created = await parsedAs('createOrder', await h.post('/v1/orders?returnIds=true', order))
  expect(created).toMatchObject({ orderNumber: 'ORD-ACME-1', status: 'Completed', invoiceNumbers: ['ACME-000037'] })
  expect(created.invoiceIds).toHaveLength(1)
  const charge = (await acmeSubscription(h)).ratePlans[0]?.ratePlanCharges[0]
  expect(charge).toMatchObject({ quantity: 30, segment: 3 })
  const read = await parsedAs('getOrder', await h.get('/v1/orders/ORD-ACME-1'))
  expect(read.order).toMatchObject({ orderNumber: 'ORD-ACME-1', existingAccountNumber: 'A00000001', orderDate: TODAY })
})

test('ChangePlan, AddProduct and RemoveProduct apply as Zuora does', async () => {
  const subscription = await acmeSubscription(h)
  const [plan, ai] = subscription.ratePlans
  const answer = await h.post('/v1/orders', {
    existingAccountNumber: 'A00000001',
    orderDate: TODAY,
    subscriptions: [
      {
        subscriptionNumber: subscription.subscriptionNumber,
        orderActions: [
          action('ChangePlan', {
            changePlan: {
              ratePlanId: plan?.id,
              subType: 'Upgrade',
              newProductRatePlan: {
                productRatePlanId: zuoraPlanIds.plan_enterprise.productRatePlanId,
                chargeOverrides: [
                  {
                    productRatePlanChargeId: zuoraPlanIds.plan_enterprise.productRatePlanChargeId,
                    pricing: { recurringPerUnit: { quantity: 25 } },
                  },
                ],
              },
            },
          }),
          action('RemoveProduct', { removeProduct: { ratePlanId: ai?.id } }),
          action('AddProduct', {
            addProduct: {
              productRatePlanId: zuoraAddonIds.addon_sandbox.productRatePlanId,
              chargeOverrides: [
                {
                  productRatePlanChargeId: zuoraAddonIds.addon_sandbox.productRatePlanChargeId,
                  pricing: { recurringPerUnit: { quantity: 1 } },
                },
              ],
            },
          }),
        ],
      },
    ],
  })
  expect(await answer.json()).toMatchObject({ success: true })
  const after = await acmeSubscription(h)
  expect(after.ratePlans.map((p) => [p.ratePlanName, p.ratePlanCharges[0]?.quantity])).toEqual([
    ['Extra storage pack', 2],
    ['Enterprise', 25],
    ['Sandbox', 1],
  ])
})

test('orders Zuora refuses answer 200 with success:false and an 8-digit reason code', async () => {
  const fractional = await h.post('/v1/orders', await seatsOrder(h, 2.5))
  expect(fractional.status).toBe(200)
  expect(await fractional.json()).toMatchObject({ success: false, reasons: [{ code: 53100020 }] })
  const unknown = await seatsOrder(h, 30)
  const first = unknown.subscriptions[0]
  if (first) first.subscriptionNumber = 'A-S99999999'
  expect(await (await h.post('/v1/orders', unknown)).json()).toMatchObject({
    success: false,
    reasons: [{ code: 50000040 }],
  })
})

test('createOrderAsync and getAsyncJob: Processing, then Completed with the order', async () => {
  const accepted = await parsedAs('createOrderAsync', await h.post('/v1/async/orders', await seatsOrder(h, 28)))
  const jobId = String(accepted.jobId)
  expect(await parsedAs('getAsyncJob', await h.get(`/v1/async-jobs/${jobId}`))).toMatchObject({ status: 'Processing' })
  await h.advance(2_000)
  const done = await parsedAs('getAsyncJob', await h.get(`/v1/async-jobs/${jobId}`))
  expect(done).toMatchObject({ status: 'Completed', result: { status: 'Completed', accountNumber: 'A00000001' } })
  expect((await acmeSubscription(h)).ratePlans[0]?.ratePlanCharges[0]?.quantity).toBe(28)
})

test('queryInvoices: Globex pages through 10,000 invoices by cursor, filtered and sorted, never with a total', async () => {
  const account = (await (await h.get('/v1/accounts/A00000002')).json()) as { basicInfo: { id: string } }
  const filter = `filter[]=accountId.EQ:${account.basicInfo.id}`
  const first = await parsedAs(
    'queryInvoices',
    await h.get(`/object-query/invoices?${filter}&sort[]=invoicedate.DESC&pageSize=99`),
  )
  const data = first.data as Array<{ invoiceDate: string; accountId: string }>
  expect(data).toHaveLength(99)
  expect(first).not.toHaveProperty('total')
  expect(data.every((row, i) => i === 0 || (data[i - 1]?.invoiceDate ?? '') >= row.invoiceDate)).toBe(true)
  const second = (await (
    await h.get(`/object-query/invoices?${filter}&sort[]=invoicedate.DESC&pageSize=99&cursor=${String(first.nextPage)}`)
  ).json()) as { data: Array<{ id: string }> }
  expect(second.data[0]?.id).not.toBe((data[0] as unknown as { id: string }).id)
  const ranged = (await (
    await h.get(
      `/object-query/invoices?${filter}&filter[]=invoicedate.GE:2026-03-01&filter[]=invoicedate.LE:2026-03-10&pageSize=99`,
    )
  ).json()) as { data: Array<{ invoiceDate: string }> }
  expect(ranged.data.length).toBeGreaterThan(0)
  expect(ranged.data.every((row) => row.invoiceDate >= '2026-03-01' && row.invoiceDate <= '2026-03-10')).toBe(true)
  const prefix = (await (
    await h.get(`/object-query/invoices?${filter}&filter[]=invoicenumber.SW:GLBX-00999&pageSize=99`)
  ).json()) as { data: unknown[]; nextPage?: string }
  expect(prefix.data).toHaveLength(10)
  expect(prefix.nextPage).toBeUndefined()
  expect((await h.get(`/object-query/invoices?${filter}&pageSize=100`)).status).toBe(400)
  expect((await h.get(`/object-query/invoices?filter[]=description.SW:Usage`)).status).toBe(400)
})

test('queryInvoiceByKey, getInvoiceFiles and getFile: an invoice with its items and its PDF', async () => {
  const invoice = await parsedAs(
    'queryInvoiceByKey',
    await h.get('/object-query/invoices/ACME-000036?expand[]=invoiceitems'),
  )
  expect(invoice).toMatchObject({ invoiceNumber: 'ACME-000036', status: 'Posted' })
  expect((invoice.invoiceItems as unknown[]).length).toBeGreaterThan(0)
  const files = await parsedAs('getInvoiceFiles', await h.get(`/v1/invoices/${String(invoice.id)}/files`))
  const [file] = files.invoiceFiles as Array<{ pdfFileUrl: string }>
  const pdf = await h.get(file?.pdfFileUrl ?? '')
  expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
  expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-')
})

test('getDefaultPaymentMethod, createRsaSignature and the simulated page: a new card becomes the default', async () => {
  expect(
    await parsedAs('getDefaultPaymentMethod', await h.get('/v1/accounts/A00000001/payment-methods/default')),
  ).toMatchObject({
    cardNumber: '************4242',
    creditCardType: 'Visa',
  })
  const signature = await parsedAs(
    'createRsaSignature',
    await h.post('/v1/rsa-signatures', {
      uri: 'https://apisandbox.zuora.com/apps/PublicHostedPageLite.do',
      method: 'POST',
      pageId: demoPaymentPageId,
    }),
  )
  const card = { cardNumber: '5555 5555 5555 4444', expMonth: 4, expYear: 2030, holderName: 'Ana Souza' }
  const completed = await h.call('POST', '/__simulated/payment-pages/complete', {
    body: { token: signature.token, accountId: 'A00000001', card },
  })
  expect(await completed.json()).toMatchObject({ success: true })
  expect(await (await h.get('/v1/accounts/A00000001/payment-methods/default')).json()).toMatchObject({
    cardNumber: '************4444',
    creditCardType: 'MasterCard',
  })
  const again = await h.call('POST', '/__simulated/payment-pages/complete', {
    body: { token: signature.token, accountId: 'A00000001', card },
  })
  expect(await again.json()).toMatchObject({ success: false })
})

test('createPayment: pays an invoice an order made', async () => {
  const created = (await (
    await h.post('/v1/orders?returnIds=true', await seatsOrder(h, 27, { processingOptions: { runBilling: true } }))
  ).json()) as { invoiceIds: string[] }
  const invoiceId = created.invoiceIds[0] ?? ''
  const invoice = (await (await h.get(`/object-query/invoices/${invoiceId}`)).json()) as {
    balance: number
    accountId: string
  }
  expect(invoice.balance).toBeGreaterThan(0)
  const payment = await parsedAs(
    'createPayment',
    await h.post(
      '/v1/payments',
      {
        accountId: invoice.accountId,
        type: 'Electronic',
        amount: invoice.balance,
        currency: 'USD',
        invoices: [{ invoiceId, amount: invoice.balance }],
      },
      { 'Idempotency-Key': 'pay-1' },
    ),
  )
  expect(payment).toMatchObject({ status: 'Processed', appliedAmount: invoice.balance })
  expect(await (await h.get(`/object-query/invoices/${invoiceId}`)).json()).toMatchObject({ balance: 0 })
})

test('getAccount, updateAccount and updateContact: billing details and the VAT id', async () => {
  const account = await parsedAs('getAccount', await h.get('/v1/accounts/A00000001'))
  expect(account).toMatchObject({
    basicInfo: { accountNumber: 'A00000001', name: 'Acme Support' },
    taxInfo: { VATId: '94-1234567' },
  })
  const updated = await h.put('/v1/accounts/A00000001', {
    billToContact: { city: 'Oakland', zipCode: '94607' },
    taxInfo: { VATId: 'US-1' },
  })
  await parsedAs('updateAccount', updated)
  const contactId = String((account.billToContact as { id: string }).id)
  await parsedAs(
    'updateContact',
    await h.put(`/v1/contacts/${contactId}`, { firstName: 'Ana Maria', workEmail: 'ap@acme.test' }),
  )
  expect(await (await h.get('/v1/accounts/A00000001')).json()).toMatchObject({
    billToContact: { firstName: 'Ana Maria', city: 'Oakland', zipCode: '94607', workEmail: 'ap@acme.test' },
    taxInfo: { VATId: 'US-1' },
  })
  expect(await (await h.put('/v1/accounts/A00000001', { vat: 'x' })).json()).toMatchObject({
    success: false,
    reasons: [{ code: 53100021 }],
  })
})

test('getCatalog and getProductRatePlans: Help Desk with a rate plan per plan, add-on and promo code', async () => {
  const catalog = await parsedAs('getCatalog', await h.get('/v1/catalog/products'))
  const product = (catalog.products as Array<{ productRatePlans: unknown }>)[0]
  expect(product?.productRatePlans).toBe(
    `https://rest.test.zuora.com/v1/products/${helpDeskProduct.id}/product-rate-plans`,
  )
  const plans = await parsedAs(
    'getProductRatePlans',
    await h.get(`/v1/products/${helpDeskProduct.id}/product-rate-plans`),
  )
  const byId = new Map(
    (
      plans.productRatePlans as Array<{
        id: string
        productRatePlanCharges: Array<{ id: string; model: string; pricing: Array<{ price: number | null }> }>
      }>
    ).map((p) => [p.id, p]),
  )
  expect(byId.get(zuoraPlanIds.plan_team.productRatePlanId)?.productRatePlanCharges[0]).toMatchObject({
    id: zuoraPlanIds.plan_team.productRatePlanChargeId,
    model: 'PerUnit',
    pricing: [{ price: 19 }],
  })
  expect(byId.get(zuoraDiscountIds.WELCOME20.productRatePlanId)?.productRatePlanCharges[0]).toMatchObject({
    model: 'DiscountPercentage',
  })
  const inline = getCatalogResponseSchema.parse(
    await (await h.get('/v1/catalog/products', { 'Zuora-Version': '211.0' })).json(),
  )
  expect(Array.isArray(inline.products[0]?.productRatePlans)).toBe(true)
})
