import { useEffect, useRef, useState } from 'react'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import type { Maintenance } from '@/lib/api/schemas'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useSetMaintenance } from '../api/set-maintenance'
import { statusMessages } from '../status-messages'
import { MaintenanceForm, type MaintenanceChange } from './maintenance-form'

const doneKey = { on: 'switchedOn', off: 'switchedOff', update: 'updatePosted' } as const

/**
 * The operators' switch. Others see what it would do and, on the disabled button, why they
 * cannot (the action's availability says so, this component does not look at roles).
 */
export function MaintenanceControls({ maintenance }: { maintenance: Maintenance }) {
  const t = statusMessages.useT()
  const availability = useActionAvailability('status.setMaintenance')
  const setMaintenance = useSetMaintenance()
  const [done, setDone] = useState<{ change: MaintenanceChange; seq: number } | null>(null)
  const doneRef = useRef<HTMLDivElement>(null)

  // The form is replaced when the mode flips: focus goes to the outcome rather than to nowhere.
  useEffect(() => {
    if (done) doneRef.current?.focus()
  }, [done])

  const lead = <p>{maintenance.enabled ? t('controlsLeadOn') : t('controlsLeadOff')}</p>

  if (availability.blockedBy === 'role') {
    return (
      <>
        {lead}
        <div className="form-actions">
          <ActionButton action="status.setMaintenance">
            {maintenance.enabled ? t('switchOff') : t('switchOn')}
          </ActionButton>
        </div>
      </>
    )
  }

  return (
    <>
      {done ? (
        <div ref={doneRef} tabIndex={-1} className="maintenance-done">
          <Notice tone="success" live="polite">
            <p>{t(doneKey[done.change])}</p>
          </Notice>
        </div>
      ) : null}
      {lead}
      <MaintenanceForm
        // A fresh form for each mode: what was typed to switch on is not a closing message.
        key={maintenance.enabled ? 'on' : 'off'}
        maintenance={maintenance}
        pending={setMaintenance.isPending}
        error={setMaintenance.error}
        onSubmit={(input, change, onSuccess) =>
          setMaintenance.mutate(input, {
            onSuccess: () => {
              onSuccess()
              setDone((current) => ({ change, seq: (current?.seq ?? 0) + 1 }))
            },
          })
        }
      />
    </>
  )
}
