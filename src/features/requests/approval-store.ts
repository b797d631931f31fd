/**
 * Requests this billing admin approved whose change went into their cart and waits to be ordered,
 * per user and account. Kept in localStorage so that the order placed later (after a reload, in
 * another tab) is still linked to its request; forgotten on sign-out with the carts.
 */
import { z } from 'zod/mini'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { orderItemSchema } from '@/lib/api/schemas'
import { safeLocalStorage } from '@/lib/persistence/safe-storage'

export const APPROVALS_STORAGE_KEY = 'billing-request-approvals'

const approvalSchema = z.object({
  requestId: z.string().check(z.minLength(1)),
  /** The cart's last order when the change went in: the order after it carries the change. */
  previousOrderId: z.nullable(z.string()),
  /** The change approved (absent in approvals stored before it was kept): an order without it is not its order. */
  items: z.optional(z.array(orderItemSchema)),
})
export type PendingApproval = z.infer<typeof approvalSchema>

type ApprovalState = {
  approvals: Record<string, PendingApproval[]>
  add: (scope: string, approval: PendingApproval) => void
  remove: (scope: string, requestId: string) => void
  /** An order completed without the change: the one after it may carry it. */
  passOrder: (scope: string, requestId: string, orderId: string) => void
}

function validApprovals(persisted: unknown): Record<string, PendingApproval[]> {
  const parsed = z.object({ approvals: z.record(z.string(), z.array(approvalSchema)) }).safeParse(persisted)
  return parsed.success ? parsed.data.approvals : {}
}

export const useApprovalStore = create<ApprovalState>()(
  persist(
    (set, get) => ({
      approvals: {},
      add: (scope, approval) => {
        const others = (get().approvals[scope] ?? []).filter((a) => a.requestId !== approval.requestId)
        set({ approvals: { ...get().approvals, [scope]: [...others, approval] } })
      },
      passOrder: (scope, requestId, orderId) => {
        const approvals = (get().approvals[scope] ?? []).map((a) =>
          a.requestId === requestId ? { ...a, previousOrderId: orderId } : a,
        )
        set({ approvals: { ...get().approvals, [scope]: approvals } })
      },
      remove: (scope, requestId) => {
        const left = (get().approvals[scope] ?? []).filter((a) => a.requestId !== requestId)
        set({ approvals: { ...get().approvals, [scope]: left } })
      },
    }),
    {
      name: APPROVALS_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => safeLocalStorage),
      migrate: () => ({ approvals: {} }),
      merge: (persisted, current) => ({ ...current, approvals: validApprovals(persisted) }),
    },
  ),
)

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === APPROVALS_STORAGE_KEY || event.key === null) void useApprovalStore.persist.rehydrate()
  })
}
