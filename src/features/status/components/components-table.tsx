import { TableScroll } from '@/components/table-scroll'
import type { BillingStatus } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { componentNameIn } from '../component-entry'
import { capabilityKey, healthLabel } from '../status-labels'
import { statusMessages } from '../status-messages'

/** Each upstream component, the provider capability it backs, and its health. */
export function ComponentsTable({ components }: { components: BillingStatus['components'] }) {
  const t = statusMessages.useT()
  const format = useFormat()
  return (
    <TableScroll label={t('componentsTable')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('componentName')}</th>
            <th scope="col">{t('componentCapability')}</th>
            <th scope="col">{t('componentHealth')}</th>
            <th scope="col">{t('componentUpdated')}</th>
          </tr>
        </thead>
        <tbody>
          {components.map((component) => {
            const health = healthLabel[component.status]
            return (
              <tr key={component.id}>
                <th scope="row">{componentNameIn(t, component)}</th>
                <td>{component.capability ? t(capabilityKey[component.capability]) : t('capabilityNone')}</td>
                <td>
                  <span className={`badge ${health.badge}`}>{t(health.key)}</span>
                </td>
                <td>
                  <time dateTime={component.updatedAt}>{format.dateTime(component.updatedAt)}</time>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableScroll>
  )
}
