import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { usePaymentMethod } from './api/get-payment-method'
import { CardDetails } from './components/card-details'
import { PaymentReturnNotice } from './components/payment-return-notice'
import { UpdatePaymentButton } from './components/update-payment-button'
import { paymentMessages } from './payment-messages'
import { usePaymentReturn } from './use-payment-return'

export function PaymentPage() {
  const t = paymentMessages.useT()
  const paymentMethod = usePaymentMethod()
  const { outcome, dismiss } = usePaymentReturn()

  return (
    <Page title={t('title')} description={t('lead')}>
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
