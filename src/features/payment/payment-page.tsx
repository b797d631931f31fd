import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { usePaymentMethod } from '@/billing/api/get-payment-method'
import { CardDetails } from './components/card-details'
import { PaymentReturnNotice } from './components/payment-return-notice'
import { UpdatePaymentButton } from './components/update-payment-button'
import { paymentMessages } from './payment-messages'
import { usePaymentReturn } from './use-payment-return'
import { pageNames } from '@/lib/i18n/page-names-messages'

export function PaymentPage() {
  const t = paymentMessages.useT()
  const page = pageNames.useT()
  const paymentMethod = usePaymentMethod()
  const { outcome, dismiss } = usePaymentReturn()

  return (
    <Page title={page('paymentMethod')} description={t('lead')}>
      {outcome ? <PaymentReturnNotice outcome={outcome} onDismiss={dismiss} /> : null}
      <QuerySection
        section="payment.card"
        title={t('cardSection')}
        query={paymentMethod}
        isEmpty={(data) => data.card === null}
        empty={t('noCard')}
        headerActions={<UpdatePaymentButton />}
      >
        {(data) => (data.card ? <CardDetails card={data.card} updatedAt={data.updatedAt} /> : null)}
      </QuerySection>
    </Page>
  )
}
