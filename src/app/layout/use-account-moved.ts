import { useEffect, useState } from 'react'
import type { Me } from '@/lib/api/schemas'
import { forgetSwitchHere, wasSwitchedHere } from '@/lib/session/account-switch-origin'

/**
 * The account this tab showed before another tab switched the session to a new one, for the
 * notice that says so; null when nothing moved, or the admin switched here themselves. The pages
 * are remounted on a switch (their forms and drafts for the old account go away with them), so
 * the frame is what explains it.
 */
export function useAccountMovedElsewhere(me: Me): { from: string | null; dismiss: () => void } {
  const [seen, setSeen] = useState({ userId: me.user.id, accountId: me.account.id, name: me.account.name })
  const [from, setFrom] = useState<string | null>(null)
  if (seen.userId !== me.user.id || seen.accountId !== me.account.id) {
    // Adjusting state while rendering (react.dev "You might not need an effect"): the notice comes
    // in the same commit as the new account's pages.
    setSeen({ userId: me.user.id, accountId: me.account.id, name: me.account.name })
    setFrom(seen.userId === me.user.id && !wasSwitchedHere(me.account.id) ? seen.name : null)
  }
  useEffect(() => forgetSwitchHere(), [me.account.id])
  return { from, dismiss: () => setFrom(null) }
}
