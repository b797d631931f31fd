import { Link } from 'react-router-dom'
import { Notice } from '@/components/notice'
import { catalogMessages } from '../catalog-messages'
import { changeMessages } from '@/billing/change-messages'

/**
 * `request`: it went into a change request (an admin without billing rights), not the cart;
 * `scheduled`: a smaller plan scheduled for the next renewal, in neither.
 */
export type AddedNotice = { tone: 'success' | 'warning'; text: string; request?: boolean; scheduled?: boolean }

/**
 * What the last "add to cart" did. The live region is always there (a region that appears with
 * its text is not reliably read out), and only its content changes.
 */
export function AddedNoticeRegion({ notice }: { notice: AddedNotice | null }) {
  const t = catalogMessages.useT()
  const c = changeMessages.useT()
  return (
    <div aria-live="polite" aria-atomic="true">
      {notice ? (
        <Notice
          tone={notice.tone}
          title={notice.text}
          actions={
            notice.scheduled ? undefined : notice.request ? (
              <Link className="button button-secondary" to="/requests">
                {t('reviewRequest')}
              </Link>
            ) : (
              <Link className="button button-secondary" to="/cart">
                {c('reviewCart')}
              </Link>
            )
          }
        />
      ) : null}
    </div>
  )
}
