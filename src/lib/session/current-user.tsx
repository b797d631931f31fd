import { createContext, useContext } from 'react'
import type { Me } from '@/lib/api/schemas'

/**
 * The signed-in user as the signed-in layout last rendered it. Read from context rather than from
 * the query so that a page never sees the user vanish mid-render (signing out clears the cache
 * while the old page is still on screen for a moment).
 */
export const CurrentUserContext = createContext<Me | null>(null)

export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext)
  if (!me) throw new Error('useCurrentUser used outside the signed-in layout')
  return me
}
