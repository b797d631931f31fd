/**
 * Which account this tab itself last switched to. The signed-in frame tells the admin when the
 * account changed under them (another tab switched it); a switch they just made here needs no
 * such notice. Module state, like the session it describes: one per tab.
 */
let switchedHereTo: string | null = null

export function noteSwitchedHere(accountId: string): void {
  switchedHereTo = accountId
}

export function wasSwitchedHere(accountId: string): boolean {
  return switchedHereTo === accountId
}

/** The change was seen: a later switch back to the same account from elsewhere is news again. */
export function forgetSwitchHere(): void {
  switchedHereTo = null
}
