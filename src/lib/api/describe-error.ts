import { commonMessages } from '@/lib/i18n/common-messages'
import type { Translate } from '@/lib/i18n/define-messages'
import { isApiError } from './errors'

type CommonKey = Parameters<ReturnType<typeof commonMessages.translate>>[0]

/** What to tell the admin about a failed call, in their language. Server texts are not shown. */
export function describeError(error: unknown, t: Translate<CommonKey>): string {
  if (!isApiError(error)) return t('errorUnknown')
  switch (error.kind) {
    case 'timeout':
      return t('errorTimeout')
    case 'network':
      return t('errorNetwork')
    case 'invalid-response':
      return t('errorInvalid')
    case 'circuit-open':
      return t('errorCircuitOpen')
    case 'copy':
      return t('errorUnavailable')
    case 'aborted':
      return t('errorUnknown')
    case 'http':
      break
  }
  const status = error.status ?? 0
  if (status === 401) return t('errorSignedOut')
  if (status === 403) return t('errorForbidden')
  if (status === 404) return t('errorNotFound')
  if (status === 409 && error.code === 'account_changed') return t('errorAccountChanged')
  if (status === 409) return t('errorConflict')
  if (status === 400 || status === 422) return t('errorValidation')
  if (status === 429) return t('errorRateLimited', { seconds: Math.ceil((error.retryAfterMs ?? 30_000) / 1000) })
  if (status === 503 && error.code === 'maintenance') return t('errorMaintenance')
  if (status >= 500) return t('errorUnavailable')
  return t('errorUnknown')
}

export function useDescribeError(): (error: unknown) => string {
  const t = commonMessages.useT()
  return (error) => describeError(error, t)
}
