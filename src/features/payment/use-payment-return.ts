import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { useCurrentUser } from '@/lib/session/current-user'
import { paymentQueries, usePaymentMethod } from '@/billing/api/get-payment-method'
import { forgetPaymentUpdateStart, readPaymentUpdateStart, showsUpdate } from './payment-update-start'

export const paymentReturnParam = 'payment'
const resultParam = 'result'

type PaymentReturn = 'success' | 'cancelled'

/**
 * What the admin is told on return. `confirmed`: the card read from the API since the return is
 * not the one on file when they left; `checking`: not seen yet, reading again; `unchanged`: still
 * the same card after every check; `unconfirmed`: could not tell (no record of the start in this
 * tab, as with a forged or shared link, or the card could not be read).
 */
export type PaymentReturnOutcome = 'confirmed' | 'checking' | 'unchanged' | 'unconfirmed' | 'cancelled'

/** How long after each read that does not show the update the card is read again. */
export const recheckDelaysMs: readonly number[] = [1_000, 2_000, 4_000]

function readReturn(params: URLSearchParams): PaymentReturn | null {
  if (params.get(paymentReturnParam) !== 'returned') return null
  const result = params.get(resultParam)
  // Anything else (a hand-edited or truncated link) is ignored: the card shown is the truth.
  return result === 'success' || result === 'cancelled' ? result : null
}

/**
 * The provider's hosted page sends the admin back with `?payment=returned&result=...`. The
 * parameters are removed from the address so that a reload or a shared link does not repeat it,
 * and the card is fetched again. `result=success` is only a claim anyone can type into a link:
 * the update is announced only once the payment method read from the API after the return differs
 * from the one on file when the admin left (payment-update-start.ts); until then the card is read
 * again a few times, and then the admin is told it did not change, or could not be confirmed.
 */
export function usePaymentReturn(): { outcome: PaymentReturnOutcome | null; dismiss: () => void } {
  const [searchParams, setSearchParams] = useSearchParams()
  const queryClient = useQueryClient()
  const paymentMethod = usePaymentMethod()
  const [claim, setClaim] = useState(() => readReturn(searchParams))
  const { account } = useCurrentUser()
  // Only a start made for the account on screen: a return after another tab switched account proves nothing.
  const [start] = useState(() => (claim === 'success' ? readPaymentUpdateStart(account.id) : null))
  const [returnedAt] = useState(() => Date.now())
  // The current check: reads that finished at or after `from` answer it.
  const [check, setCheck] = useState(() => ({ from: returnedAt, rechecks: 0 }))
  const returned = searchParams.get(paymentReturnParam) !== null

  const { data, dataUpdatedAt, errorUpdatedAt, isFetching } = paymentMethod
  const answered = !isFetching && Math.max(dataUpdatedAt, errorUpdatedAt) >= check.from
  const readSinceReturn = data !== undefined && dataUpdatedAt >= returnedAt ? data : undefined
  const exhausted = check.rechecks >= recheckDelaysMs.length

  let outcome: PaymentReturnOutcome | null = null
  if (claim === 'cancelled') outcome = 'cancelled'
  else if (claim === 'success') {
    if (readSinceReturn && showsUpdate(start, readSinceReturn)) outcome = 'confirmed'
    else if (!answered || !exhausted) outcome = 'checking'
    else outcome = start?.before && readSinceReturn ? 'unchanged' : 'unconfirmed'
  }

  useEffect(() => {
    if (!returned) return
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current)
        next.delete(paymentReturnParam)
        next.delete(resultParam)
        return next
      },
      { replace: true },
    )
    // A fetch already under way (the page's first load) is fresh enough: do not cancel it.
    void queryClient.invalidateQueries({ queryKey: paymentQueries.all() }, { cancelRefetch: false })
  }, [returned, setSearchParams, queryClient])

  // Not seen yet: the provider may take a moment to report the new card. Read it again, later each time.
  const waitMs = outcome === 'checking' && answered && !exhausted ? recheckDelaysMs[check.rechecks] : undefined
  useEffect(() => {
    if (waitMs === undefined) return
    const timer = setTimeout(() => {
      // Taken now, before the read starts (an updater function would run later, maybe after it ended).
      const from = Date.now()
      setCheck((current) => ({ from, rechecks: current.rechecks + 1 }))
      void queryClient.refetchQueries({ queryKey: paymentQueries.current().queryKey, exact: true })
    }, waitMs)
    return () => clearTimeout(timer)
  }, [waitMs, check.rechecks, queryClient])

  // Settled: that start is used up, so a later link cannot be judged against it.
  const settled = outcome !== null && outcome !== 'checking'
  useEffect(() => {
    if (settled) forgetPaymentUpdateStart()
  }, [settled])

  return {
    outcome,
    dismiss: () => {
      forgetPaymentUpdateStart()
      setClaim(null)
    },
  }
}
