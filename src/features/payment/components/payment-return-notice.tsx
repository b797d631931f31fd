import { Notice } from '@/components/notice'
import { paymentMessages } from '../payment-messages'
import type { PaymentReturn } from '../use-payment-return'

/** The outcome of the visit to the provider's page, announced once on return. */
export function PaymentReturnNotice({ result, onDismiss }: { result: PaymentReturn; onDismiss: () => void }) {
  const t = paymentMessages.useT()
  const success = result === 'success'
  return (
    <Notice
      tone={success ? 'success' : 'info'}
      live="polite"
      title={success ? t('returnedSuccessTitle') : t('returnedCancelledTitle')}
      actions={
        <button type="button" className="button button-secondary" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      }
    >
      <p>{success ? t('returnedSuccess') : t('returnedCancelled')}</p>
    </Notice>
  )
}
