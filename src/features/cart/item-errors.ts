import { isApiError } from '@/lib/api/errors'
import type { OrderItem } from '@/lib/api/schemas'
import { itemKey, type ItemKey } from '@/billing/cart-store'

export type ItemProblem = 'seatsBelowInUse' | 'addonQuantity' | 'invalid'

/**
 * Which cart items the provider refused to price (a 422 names them `items.<index>...`), so that
 * the admin sees the problem next to the item rather than only "the quote failed".
 */
export function itemProblemsFrom(error: unknown, items: OrderItem[]): Map<ItemKey, ItemProblem> {
  const problems = new Map<ItemKey, ItemProblem>()
  if (!isApiError(error) || error.status !== 422 || !error.fields) return problems
  for (const field of Object.keys(error.fields)) {
    const match = /^items\.(\d+)(?:\.(\w+))?/.exec(field)
    const item = match ? items[Number(match[1])] : undefined
    if (!item) continue
    const problem: ItemProblem =
      item.type === 'seats' && error.code === 'seats_below_in_use'
        ? 'seatsBelowInUse'
        : item.type === 'addon' && match?.[2] === 'quantity'
          ? 'addonQuantity'
          : 'invalid'
    problems.set(itemKey(item), problem)
  }
  return problems
}
