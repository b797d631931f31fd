import { useId, type Ref } from 'react'
import { SelectField, TextField } from '@/components/field'
import { Notice } from '@/components/notice'
import { invoiceStatusSchema } from '@/lib/api/schemas'
import {
  isDateRangeReversed,
  maxQueryLength,
  type IgnoredParam,
  type InvoiceFilters,
  type StatusFilter,
} from '../invoice-filters'
import { invoicesMessages } from '../invoices-messages'

type Props = {
  filters: InvoiceFilters
  ignored: readonly IgnoredParam[]
  onChange: (patch: Partial<InvoiceFilters>) => void
  formRef: Ref<HTMLFormElement>
}

const statusOptions: StatusFilter[] = ['all', ...invoiceStatusSchema.options]

/** A value from a link is shown shortened: it can be anything, of any length. */
const shown = ({ name, value }: IgnoredParam) => `${name}=${value.length > 40 ? `${value.slice(0, 40)}…` : value}`

/** Search, status and issue dates. Changes apply as the admin types; there is nothing to submit. */
export function InvoiceFiltersForm({ filters, ignored, onChange, formRef }: Props) {
  const t = invoicesMessages.useT()
  const headingId = useId()
  const list = ignored.map(shown).join(', ')

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('filtersTitle')}</h2>
      {ignored.length > 0 ? (
        <Notice tone="warning" live="polite">
          <p>{t(ignored.length === 1 ? 'ignoredOne' : 'ignoredMany', { list })}</p>
        </Notice>
      ) : null}
      <form
        ref={formRef}
        role="search"
        aria-labelledby={headingId}
        className="form-row invoice-filters"
        onSubmit={(event) => event.preventDefault()}
      >
        <TextField
          label={t('searchLabel')}
          hint={t('searchHint')}
          type="search"
          name="q"
          autoComplete="off"
          maxLength={maxQueryLength}
          value={filters.q}
          onChange={(event) => onChange({ q: event.target.value })}
        />
        <SelectField
          label={t('statusLabel')}
          name="status"
          value={filters.status}
          onChange={(event) =>
            onChange({ status: statusOptions.find((status) => status === event.target.value) ?? 'all' })
          }
        >
          {statusOptions.map((status) => (
            <option key={status} value={status}>
              {status === 'all' ? t('statusAll') : t(`status_${status}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('fromLabel')}
          type="date"
          name="from"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => onChange({ from: event.target.value })}
        />
        <TextField
          label={t('toLabel')}
          type="date"
          name="to"
          value={filters.to}
          min={filters.from || undefined}
          error={isDateRangeReversed(filters) ? t('dateRangeReversed') : undefined}
          onChange={(event) => onChange({ to: event.target.value })}
        />
      </form>
    </section>
  )
}
