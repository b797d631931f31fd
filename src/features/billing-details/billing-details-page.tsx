import { useEffect, useId, useRef } from 'react'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { useDescribeError } from '@/lib/api/describe-error'
import { useAsksForChanges } from '@/billing/request-draft-store'
import { useCurrentUser } from '@/lib/session/session-queries'
import { useBillingDetails } from '@/billing/api/get-billing-details'
import { billingDetailsMessages } from './billing-details-messages'
import { BillingDetailsForm } from './components/billing-details-form'
import { BillingDetailsView } from './components/billing-details-view'
import { RecipientsAsk } from './components/recipients-ask'
import { useBillingDetailsEditor } from './use-billing-details-editor'
import './billing-details.css'
import { pageNames } from '@/lib/i18n/page-names-messages'

export function BillingDetailsPage() {
  const t = billingDetailsMessages.useT()
  const page = pageNames.useT()
  const describeError = useDescribeError()
  const me = useCurrentUser()
  const details = useBillingDetails()
  const editor = useBillingDetailsEditor(me.user.id, me.account.id)
  const editButtonId = useId()
  const asks = useAsksForChanges()

  // Back from the form (saved or cancelled), focus returns to where the admin started.
  const wasEditing = useRef(editor.editing)
  useEffect(() => {
    if (wasEditing.current && !editor.editing) document.getElementById(editButtonId)?.focus()
    wasEditing.current = editor.editing
  }, [editor.editing, editButtonId])

  const editButton =
    !editor.editing && details.data ? (
      <ActionButton
        id={editButtonId}
        action="billingDetails.update"
        variant="secondary"
        onClick={() => details.data && editor.startEdit(details.data)}
      >
        {t('edit')}
      </ActionButton>
    ) : null

  return (
    <Page title={page('billingDetails')} description={t('lead')}>
      {editor.saved ? (
        <Notice tone="success" live="polite">
          <p>{t('saved')}</p>
        </Notice>
      ) : null}
      <QuerySection section="billingDetails.form" title={t('section')} query={details} headerActions={editButton}>
        {(data) =>
          editor.values ? (
            <BillingDetailsForm
              values={editor.values}
              errors={editor.errors}
              saving={editor.saving}
              focus={editor.focus}
              onChange={editor.change}
              recipientEdits={editor.recipients}
              onSubmit={editor.submit}
              onCancel={editor.cancel}
              onJump={editor.jump}
              notices={
                <>
                  {editor.restored ? <Notice tone="info">{t('draftRestored')}</Notice> : null}
                  {editor.saveError ? (
                    <Notice tone="danger" live="assertive" title={t('saveFailed')}>
                      {describeError(editor.saveError)}
                    </Notice>
                  ) : null}
                </>
              }
            />
          ) : (
            <>
              <BillingDetailsView details={data} />
              {/* An admin without billing rights asks a billing admin for who receives invoices. */}
              {asks && data.invoiceRecipients ? <RecipientsAsk details={data} accountId={me.account.id} /> : null}
            </>
          )
        }
      </QuerySection>
    </Page>
  )
}
