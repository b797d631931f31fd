import { Link } from 'react-router-dom'
import { Notice } from '@/components/notice'
import { catalogMessages } from '../catalog-messages'

export type AddedNotice = { tone: 'success' | 'warning'; text: string }

/**
 * What the last "add to cart" did. The live region is always there (a region that appears with
 * its text is not reliably read out), and only its content changes.
 */
export function AddedNoticeRegion({ notice }: { notice: AddedNotice | null }) {
  const t = catalogMessages.useT()
  return (
    <div aria-live="polite" aria-atomic="true">
      {notice ? (
        <Notice
          tone={notice.tone}
          title={notice.text}
          actions={
            <Link className="button button-secondary" to="/cart">
              {t('reviewCart')}
            </Link>
          }
        />
      ) : null}
    </div>
  )
}
