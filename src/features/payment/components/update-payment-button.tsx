import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import { useCurrentUser } from '@/lib/session/current-user'
import { useCreatePaymentSession } from '../api/create-payment-session'
import { paymentQueries } from '@/billing/api/get-payment-method'
import { reportUntrustedPaymentUrl } from '../api/report-untrusted-payment-url'
import { paymentMessages } from '../payment-messages'
import { rememberPaymentUpdateStart } from '../payment-update-start'
import { checkPaymentUrl } from '../trusted-payment-url'
import { paymentReturnParam } from '../use-payment-return'

/**
 * Sends the admin to the provider's hosted page, which brings them back here with the outcome.
 * The page is left for real (not a pop-up) so that the provider's page owns the whole window; only
 * for an address that passes checkPaymentUrl (an untrusted one is refused, said and reported).
 */
export function UpdatePaymentButton() {
  const t = paymentMessages.useT()
  const describeError = useDescribeError()
  const queryClient = useQueryClient()
  const { account } = useCurrentUser()
  const session = useCreatePaymentSession(account.id)
  const [refused, setRefused] = useState(false)
  // Once a trusted session exists the browser is on its way to the provider: keep saying so.
  const leaving = session.isPending || (session.isSuccess && !refused)

  const start = () => {
    if (leaving) return
    setRefused(false)
    const returnUrl = `${window.location.origin}/payment-method?${paymentReturnParam}=returned`
    session.mutate(
      { returnUrl },
      {
        onSuccess: (created) => {
          const check = checkPaymentUrl(created.url)
          if (!check.trusted) {
            setRefused(true)
            reportUntrustedPaymentUrl(check)
            return
          }
          // What the card was, so that the return can tell whether it really changed.
          rememberPaymentUpdateStart(queryClient.getQueryData(paymentQueries.current().queryKey) ?? null, account.id)
          window.location.assign(check.url)
        },
      },
    )
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
      {refused ? (
        <Notice tone="danger" live="assertive" title={t('openFailed')}>
          {t('untrustedRedirect')}
        </Notice>
      ) : null}
    </div>
  )
}
