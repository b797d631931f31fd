import { Notice } from '@/components/notice'
import { paymentMessages } from '../payment-messages'
import type { PaymentReturnOutcome } from '../use-payment-return'

type Key = Parameters<ReturnType<typeof paymentMessages.useT>>[0]

const texts: Record<PaymentReturnOutcome, { tone: 'success' | 'info' | 'warning'; title: Key; body: Key }> = {
  confirmed: { tone: 'success', title: 'returnedSuccessTitle', body: 'returnedSuccess' },
  checking: { tone: 'info', title: 'returnedCheckingTitle', body: 'returnedChecking' },
  unchanged: { tone: 'warning', title: 'returnedUnchangedTitle', body: 'returnedUnchanged' },
  unconfirmed: { tone: 'warning', title: 'returnedUnconfirmedTitle', body: 'returnedUnconfirmed' },
  cancelled: { tone: 'info', title: 'returnedCancelledTitle', body: 'returnedCancelled' },
}

/**
 * The outcome of the visit to the provider's page, announced on return: "updated" only once the
 * card read back from the API shows it (use-payment-return.ts), never on the link's word alone.
 */
export function PaymentReturnNotice({ outcome, onDismiss }: { outcome: PaymentReturnOutcome; onDismiss: () => void }) {
  const t = paymentMessages.useT()
  const { tone, title, body } = texts[outcome]
  return (
    <Notice
      tone={tone}
      live="polite"
      title={t(title)}
      actions={
        <button type="button" className="button button-secondary" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      }
    >
      <p>{t(body)}</p>
    </Notice>
  )
}
