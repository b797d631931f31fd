import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import { useCreatePaymentSession } from '../api/create-payment-session'
import { paymentMessages } from '../payment-messages'
import { paymentReturnParam } from '../use-payment-return'

/**
 * Sends the admin to the provider's hosted page, which brings them back here with the outcome.
 * The page is left for real (not a pop-up) so that the provider's page owns the whole window.
 */
export function UpdatePaymentButton() {
  const t = paymentMessages.useT()
  const describeError = useDescribeError()
  const session = useCreatePaymentSession()
  // Once the session exists the browser is on its way to the provider: keep saying so.
  const leaving = session.isPending || session.isSuccess

  const start = () => {
    if (leaving) return
    const returnUrl = `${window.location.origin}/payment-method?${paymentReturnParam}=returned`
    session.mutate({ returnUrl }, { onSuccess: (created) => window.location.assign(created.url) })
  }

  return (
    <div className="payment-update">
      <ActionButton action="payment.update" onClick={start} disabled={leaving}>
        {leaving ? t('opening') : t('update')}
      </ActionButton>
      {session.isError ? (
        <Notice tone="danger" live="assertive" title={t('openFailed')}>
          {describeError(session.error)}
        </Notice>
      ) : null}
    </div>
  )
}
