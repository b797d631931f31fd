import type { InvoiceStatus } from '@/lib/api/schemas'
import { invoicesMessages } from '../invoices-messages'

const toneClass: Record<InvoiceStatus, string> = {
  paid: 'badge badge-success',
  open: 'badge',
  past_due: 'badge badge-danger',
  void: 'badge invoice-badge-void',
}

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const t = invoicesMessages.useT()
  return <span className={toneClass[status]}>{t(`status_${status}`)}</span>
}
