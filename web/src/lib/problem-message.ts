import type { TFunction } from 'i18next'
import { isProblemError } from './functions.ts'

/** The user-facing sentence for a failed call: ours for known codes, the server's detail otherwise. */
export function problemMessage(error: unknown, t: TFunction): string {
  if (!isProblemError(error)) return t('errors.generic')
  if (error.code === 'network_error') return t('errors.network')
  return t(`errors.codes.${error.code}`, { defaultValue: error.detail ?? error.title })
}
