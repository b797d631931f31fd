import { Link } from 'react-router-dom'
import { Page } from '@/components/page'
import { appMessages } from './app-messages'

export function NotFoundPage() {
  const t = appMessages.useT()
  return (
    <Page title={t('notFoundTitle')} description={t('notFoundLead')}>
      <Link to="/">{t('backHome')}</Link>
    </Page>
  )
}
