import { useMemo } from 'react'
import { countryCodes } from '@/lib/api/schemas'
import { useLocale } from '@/lib/i18n/locale-store'
import { billingDetailsMessages } from './billing-details-messages'
import { recipientsPath, type ErrorPath, type FieldError, type FieldPath } from './form-values'

const labelKey = {
  'contact.name': 'name',
  'contact.email': 'email',
  'contact.phone': 'phone',
  'address.line1': 'line1',
  'address.line2': 'line2',
  'address.city': 'city',
  'address.region': 'region',
  'address.postalCode': 'postalCode',
  'address.country': 'country',
  taxId: 'taxId',
} as const satisfies Record<FieldPath, string>

const optionalFields: ReadonlySet<FieldPath> = new Set(['contact.phone', 'address.line2', 'address.region', 'taxId'])

/** Field labels and error texts in the admin's language. */
export function useFieldText() {
  const t = billingDetailsMessages.useT()
  return useMemo(
    () => ({
      /** The field's name as in the view (without "optional"); an address by its place in the list. */
      name(path: ErrorPath): string {
        if (path === recipientsPath) return t('additionalLegend')
        if (path in labelKey) return t(labelKey[path as FieldPath])
        return t('recipient', { number: Number(path.slice(recipientsPath.length + 1)) + 1 })
      },
      label: (path: FieldPath) =>
        optionalFields.has(path) ? t('optional', { label: t(labelKey[path]) }) : t(labelKey[path]),
      error(error: FieldError): string {
        switch (error.code) {
          case 'required':
            return t('errorRequired')
          case 'email':
            return t('errorEmail')
          case 'country':
            return t('errorCountry')
          case 'taxId':
            return t('errorTaxId')
          case 'tooLong':
            return t('errorTooLong', { max: error.max })
          case 'server':
            return t('errorServer', { message: error.message })
          case 'duplicate':
            return t('errorDuplicate')
          case 'isContact':
            return t('errorIsContact')
          case 'tooMany':
            return t('errorTooMany', { max: error.max })
          case 'invalid':
            return t('errorInvalid')
        }
      },
    }),
    [t],
  )
}

/** Country names in the admin's language, sorted by that name, for the select and the view. */
export function useCountries() {
  const locale = useLocale()
  return useMemo(() => {
    let names: Intl.DisplayNames | null = null
    try {
      names = new Intl.DisplayNames([locale], { type: 'region' })
    } catch {
      names = null // an engine without region names: the code is still unambiguous
    }
    const nameOf = (code: string) => names?.of(code) ?? code
    const options = countryCodes
      .map((code) => ({ code, name: nameOf(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, locale))
    return { nameOf, options }
  }, [locale])
}
