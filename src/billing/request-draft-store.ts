/**
 * The change an admin without billing rights is putting together before asking for it: the
 * request's counterpart of the cart. Client state only, kept in localStorage per user and account
 * (so it survives reloads and outages, and nothing one admin drafted shows under another), and
 * forgotten on sign-out with the carts (src/lib/session/local-data.ts).
 *
 * In the billing domain, beside the cart store, because the controls that build it live in the
 * subscription and catalog features (docs/decisions/018-billing-domain-and-query-roots.md).
 */
import { useMemo } from 'react'
import { z } from 'zod/mini'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { orderItemSchema, type OrderItem } from '@/lib/api/schemas'
import { safeLocalStorage } from '@/lib/persistence/safe-storage'
import { useCurrentUser } from '@/lib/session/current-user'

export const REQUEST_DRAFT_STORAGE_KEY = 'billing-request-draft'
export const NOTE_MAX_LENGTH = 500

type ItemKey = 'seats' | 'plan' | `addon:${string}`
export const requestItemKey = (item: OrderItem): ItemKey =>
  item.type === 'addon' ? `addon:${item.addonId}` : item.type

const requestDraftSchema = z.object({
  items: z.array(orderItemSchema),
  note: z.string().check(z.maxLength(NOTE_MAX_LENGTH)),
  updatedAt: z.iso.datetime({ offset: true }),
})
export type RequestDraft = z.infer<typeof requestDraftSchema>

export const emptyRequestDraft: RequestDraft = { items: [], note: '', updatedAt: new Date(0).toISOString() }

type RequestDraftState = {
  drafts: Record<string, RequestDraft>
  /** One change of each kind, as in the cart: adding one replaces the previous. */
  setItem: (scope: string, item: OrderItem) => void
  removeItem: (scope: string, key: ItemKey) => void
  setNote: (scope: string, note: string) => void
  clear: (scope: string) => void
}

/** Values read back from storage are trusted one draft at a time: a bad one is dropped, the rest kept. */
function validDrafts(persisted: unknown): Record<string, RequestDraft> {
  const parsed = z.object({ drafts: z.record(z.string(), z.unknown()) }).safeParse(persisted)
  if (!parsed.success) return {}
  const drafts: Record<string, RequestDraft> = {}
  for (const [scope, value] of Object.entries(parsed.data.drafts)) {
    const draft = requestDraftSchema.safeParse(value)
    if (draft.success) drafts[scope] = draft.data
  }
  return drafts
}

export const useRequestDraftStore = create<RequestDraftState>()(
  persist(
    (set, get) => {
      const update = (scope: string, change: (draft: RequestDraft) => Partial<RequestDraft>) => {
        const current = get().drafts[scope] ?? emptyRequestDraft
        const next = { ...current, ...change(current), updatedAt: new Date().toISOString() }
        set((state) => ({ drafts: { ...state.drafts, [scope]: next } }))
      }
      return {
        drafts: {},
        setItem: (scope, item) =>
          update(scope, ({ items }) => {
            const key = requestItemKey(item)
            const index = items.findIndex((existing) => requestItemKey(existing) === key)
            return {
              items: index === -1 ? [...items, item] : items.map((existing, i) => (i === index ? item : existing)),
            }
          }),
        removeItem: (scope, key) =>
          update(scope, ({ items }) => ({ items: items.filter((item) => requestItemKey(item) !== key) })),
        setNote: (scope, note) => update(scope, () => ({ note: note.slice(0, NOTE_MAX_LENGTH) })),
        clear: (scope) => {
          const { [scope]: _gone, ...rest } = get().drafts
          set({ drafts: rest })
        },
      }
    },
    {
      name: REQUEST_DRAFT_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => safeLocalStorage),
      partialize: (state) => ({ drafts: state.drafts }),
      migrate: () => ({ drafts: {} }),
      // Replaces (not merges), so that a rehydration after another tab's change mirrors it.
      merge: (persisted, current) => ({ ...current, drafts: validDrafts(persisted) }),
    },
  ),
)

// Tabs stay in sync, and a sign-out elsewhere (storage cleared) empties this tab's draft too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === REQUEST_DRAFT_STORAGE_KEY || event.key === null) void useRequestDraftStore.persist.rehydrate()
  })
}

/** The signed-in admin's draft on the current account, with its actions bound to it. */
export function useRequestDraft() {
  const { user, account } = useCurrentUser()
  const scope = `${user.id}:${account.id}`
  const draft = useRequestDraftStore((state) => state.drafts[scope]) ?? emptyRequestDraft
  const actions = useMemo(() => {
    const store = () => useRequestDraftStore.getState()
    return {
      setItem: (item: OrderItem) => {
        store().setItem(scope, item)
        return true
      },
      removeItem: (key: ItemKey) => store().removeItem(scope, key),
      setNote: (note: string) => store().setNote(scope, note),
      clear: () => store().clear(scope),
    }
  }, [scope])
  return { scope, draft, ...actions }
}

/**
 * Whether the signed-in admin's change controls build a request rather than a cart: an account
 * admin without billing rights asks; a billing admin buys; an operator does neither.
 */
export function useAsksForChanges(): boolean {
  return useCurrentUser().user.role === 'admin'
}
