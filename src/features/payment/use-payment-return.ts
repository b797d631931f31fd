import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { paymentQueries } from './api/get-payment-method'

export const paymentReturnParam = 'payment'
const resultParam = 'result'

export type PaymentReturn = 'success' | 'cancelled'

function readReturn(params: URLSearchParams): PaymentReturn | null {
  if (params.get(paymentReturnParam) !== 'returned') return null
  const result = params.get(resultParam)
  // Anything else (a hand-edited or truncated link) is ignored: the card shown is the truth.
  return result === 'success' || result === 'cancelled' ? result : null
}

/**
 * The provider's hosted page sends the admin back with `?payment=returned&result=...`. The
 * outcome is kept for this visit, the card is fetched again (it may have changed), and the
 * parameters are removed from the address so that a reload or a shared link does not repeat it.
 */
export function usePaymentReturn(): { result: PaymentReturn | null; dismiss: () => void } {
  const [searchParams, setSearchParams] = useSearchParams()
  const queryClient = useQueryClient()
  const [result, setResult] = useState(() => readReturn(searchParams))
  const returned = searchParams.get(paymentReturnParam) !== null

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

  return { result, dismiss: () => setResult(null) }
}
