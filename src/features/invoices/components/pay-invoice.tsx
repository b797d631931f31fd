import { useId, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { usePaymentMethod } from '@/billing/api/get-payment-method'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import type { Invoice, InvoiceSummary, PaymentMethod } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { pageNames } from '@/lib/i18n/page-names-messages'
import { amountDueOf } from '../amount-due'
import { invoicePaymentMessages } from '../invoice-payment-messages'
import { usePayInvoice, type PaymentState } from '../use-pay-invoice'
import './invoice-payment.css'

type T = ReturnType<typeof invoicePaymentMessages.useT>

/** The link state that opens the payment's confirmation on the invoice's page (from the list). */
export type PayLinkState = { pay?: boolean }

const brandKey = {
  visa: 'brandVisa',
  mastercard: 'brandMastercard',
  amex: 'brandAmex',
  elo: 'brandElo',
  other: 'brandOther',
} as const

/** In a list row: opens the invoice with its payment to confirm. Paused, or for a viewer, it says why (to screen readers; the page says it in full). */
export function PayInvoiceButton({ invoice, linkState }: { invoice: InvoiceSummary; linkState: object }) {
  const t = invoicePaymentMessages.useT()
  const navigate = useNavigate()
  return (
    <ActionButton
      action="invoices.pay"
      variant="secondary"
      hideReason
      aria-label={t('payNamed', { number: invoice.number })}
      onClick={() =>
        navigate(`/invoices/${encodeURIComponent(invoice.id)}`, {
          state: { ...linkState, pay: true } satisfies PayLinkState,
        })
      }
    >
      {t('payNow')}
    </ActionButton>
  )
}

/**
 * On the invoice's page: "Pay now" for an open or past-due invoice, the confirmation (the amount
 * due, the card on file, a way to use another), and what came of it. Paused in an outage of
 * payments, in maintenance and for an admin without billing rights, with the reason (ActionButton).
 */
export function PayInvoice({ invoice, startOpen = false }: { invoice: Invoice; startOpen?: boolean }) {
  const t = invoicePaymentMessages.useT()
  const format = useFormat()
  const { state, pay, checkAgain, dismiss, payable } = usePayInvoice(invoice)
  const [open, setOpen] = useState(startOpen)
  const toggleId = useId()
  const panelId = useId()
  const headingId = useId()
  const due = amountDueOf(invoice)
  const paying = state.step === 'paying'
  // "Check again" on a payment not confirmed: the same key goes again, with the panel closed.
  const checking = paying && !open
  const offered = payable && state.step !== 'unknown' && !checking

  const close = () => {
    setOpen(false)
    document.getElementById(toggleId)?.focus()
  }
  const confirm = () => {
    if (!paying) void pay().then(() => setOpen(false))
  }

  return (
    <div className="invoice-pay">
      <Outcome state={state} payable={payable} onCheckAgain={() => void checkAgain()} onDismiss={dismiss} t={t} />
      {checking ? <Notice tone="info" live="polite" title={t('checking')} /> : null}
      {offered ? (
        <div className="invoice-pay-row">
          <p className="invoice-pay-due">{t('amountDueLine', { amount: format.money(due) })}</p>
          <ActionButton
            action="invoices.pay"
            id={toggleId}
            variant={open ? 'secondary' : 'primary'}
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            onClick={() => (open ? close() : setOpen(true))}
          >
            {t('payNow')}
          </ActionButton>
        </div>
      ) : null}
      {open && offered ? (
        <section id={panelId} className="card invoice-pay-confirm" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('confirmTitle', { number: invoice.number })}</h2>
          <p>{t('confirmLead')}</p>
          <ConfirmPayment due={format.money(due)} paying={paying} onConfirm={confirm} onCancel={close} t={t} />
        </section>
      ) : null}
    </div>
  )
}

function ConfirmPayment({
  due,
  paying,
  onConfirm,
  onCancel,
  t,
}: {
  due: string
  paying: boolean
  onConfirm: () => void
  onCancel: () => void
  t: T
}) {
  const names = pageNames.useT()
  const method = usePaymentMethod()
  const card = method.data?.card
  const noCard = method.data !== undefined && card === null
  return (
    <>
      <dl className="details">
        <dt>{t('amountDue')}</dt>
        <dd className="invoice-pay-amount">{due}</dd>
        <dt>{t('card')}</dt>
        <dd>
          <CardText method={method.data} loading={method.isPending} t={t} />{' '}
          <Link to="/payment-method" title={names('paymentMethod')}>
            {t(noCard ? 'addCard' : 'useAnotherCard')}
          </Link>
        </dd>
      </dl>
      {noCard ? <Notice tone="warning">{t('noCard')}</Notice> : null}
      <div className="form-actions">
        {noCard ? null : (
          // Stays enabled while paying (a disabled button drops keyboard focus); a second press is ignored.
          <ActionButton action="invoices.pay" aria-busy={paying || undefined} onClick={onConfirm}>
            {paying ? t('paying') : t('confirm', { amount: due })}
          </ActionButton>
        )}
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </>
  )
}

function CardText({ method, loading, t }: { method: PaymentMethod | undefined; loading: boolean; t: T }) {
  if (method?.card) return <>{t('cardEnding', { brand: t(brandKey[method.card.brand]), last4: method.card.last4 })}</>
  if (method) return null // no card on file: said below
  return <>{loading ? t('cardLoading') : t('cardUnread')}</>
}

function Outcome({
  state,
  payable,
  onCheckAgain,
  onDismiss,
  t,
}: {
  state: PaymentState
  payable: boolean
  onCheckAgain: () => void
  onDismiss: () => void
  t: T
}) {
  const format = useFormat()
  const describeError = useDescribeError()
  const dismiss = (
    <button type="button" className="button button-secondary" onClick={onDismiss}>
      {t('dismiss')}
    </button>
  )
  switch (state.step) {
    case 'paid':
      return (
        <Notice tone="success" live="polite" title={t('paidTitle')} actions={dismiss}>
          <p>{t('paid', { number: state.payment.number, amount: format.money(state.payment.amount) })}</p>
        </Notice>
      )
    case 'declined':
      return (
        <Notice tone="danger" live="assertive" title={t('declinedTitle')} actions={dismiss}>
          <p>{t(`declined_${state.reason}`)}</p>
          <p>
            <Link to="/payment-method">{t('useAnotherCard')}</Link>
          </p>
        </Notice>
      )
    case 'unknown':
      // Settled by what the invoice says now (a check, another tab) when it reads paid.
      if (!payable) return <Notice tone="success" live="polite" title={t('nowPaid')} />
      return (
        <Notice
          tone="warning"
          live="polite"
          title={t('unknownTitle')}
          actions={
            <ActionButton action="invoices.pay" variant="secondary" onClick={onCheckAgain}>
              {t('checkAgain')}
            </ActionButton>
          }
        >
          <p>{t('unknown')}</p>
        </Notice>
      )
    case 'refused':
      return (
        <Notice tone="warning" live="assertive" title={t('refusedTitle')} actions={dismiss}>
          <p>
            {state.refusal === 'other'
              ? describeError(state.error)
              : t(state.refusal === 'noCard' ? 'noCard' : state.refusal)}
          </p>
        </Notice>
      )
    default:
      return null
  }
}
