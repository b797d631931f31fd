import { useId } from 'react'
import { useNavigate } from 'react-router-dom'
import { useCurrentUser } from '@/lib/session/session-queries'
import { useSignOut, useSwitchAccount } from './api/session-mutations'
import { sessionMessages } from './session-messages'

const roleKey = { billing_admin: 'roleBillingAdmin', admin: 'roleAdmin', operator: 'roleOperator' } as const

/** Who is signed in, which account they look at, and the way out. */
export function AccountMenu() {
  const t = sessionMessages.useT()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const switchAccount = useSwitchAccount()
  const signOut = useSignOut()
  const accountId = useId()

  return (
    <div className="account-menu">
      <p className="account-user">
        <span>{t('signedInAs', { name: me.user.name })}</span>
        <span className="badge">{t(roleKey[me.user.role])}</span>
      </p>
      {me.accounts.length > 1 ? (
        <div className="inline-field">
          <label htmlFor={accountId}>{t('account')}</label>
          <select
            id={accountId}
            value={me.account.id}
            disabled={switchAccount.isPending}
            onChange={(event) => switchAccount.mutate(event.target.value, { onSuccess: () => navigate('/') })}
          >
            {me.accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
          {switchAccount.isPending ? <span role="status">{t('switchingAccount')}</span> : null}
          {switchAccount.isError ? <span role="alert">{t('switchFailed')}</span> : null}
        </div>
      ) : (
        <p>{me.account.name}</p>
      )}
      <button
        type="button"
        className="button button-secondary"
        disabled={signOut.isPending}
        onClick={() => {
          // Local data is gone at once (see useSignOut); the server is told in the background.
          signOut.mutate()
          navigate('/sign-in', { replace: true })
        }}
      >
        {signOut.isPending ? t('signingOut') : t('signOut')}
      </button>
    </div>
  )
}
