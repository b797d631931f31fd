import { useEffect, useId, useState } from 'react'
import { ActionButton } from '@/components/action-button'
import type { Subscription } from '@/lib/api/schemas'
import { useAsksForChanges } from '@/billing/request-draft-store'
import { subscriptionMessages } from '../subscription-messages'

type FormModule = typeof import('./change-seats-form')
let formModule: FormModule | null = null
/** The form's code: not on the first page's critical path, fetched once the button has rendered. */
const loadForm = (): Promise<FormModule> => import('./change-seats-form').then((loaded) => (formModule = loaded))

/**
 * "Change seats" and the form it opens (change-seats-form.tsx). The form's code and words load
 * after the page's first render, so they are there by the time the admin clicks; a click before
 * they are opens the form as soon as they come.
 */
export function ChangeSeats({ subscription }: { subscription: Subscription }) {
  const t = subscriptionMessages.useT()
  const asks = useAsksForChanges()
  const toggleId = useId()
  const formId = useId()
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState<FormModule | null>(formModule)
  useEffect(() => {
    if (!form) void loadForm().then(setForm)
  }, [form])

  const close = () => {
    setOpen(false)
    document.getElementById(toggleId)?.focus()
  }
  const Form = form?.default

  return (
    <div className="change-seats">
      <ActionButton
        action={asks ? 'requests.ask' : 'subscription.changeSeats'}
        reasonBeside
        id={toggleId}
        variant={open ? 'secondary' : 'primary'}
        aria-expanded={open}
        aria-controls={open && Form ? formId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('changeSeats')}
      </ActionButton>
      {open && Form ? <Form subscription={subscription} formId={formId} onClose={close} /> : null}
    </div>
  )
}
