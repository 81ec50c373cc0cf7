import type { TFunction } from 'i18next'
import { isProblemError } from './functions.ts'

/**
 * The user-facing sentence for a failed call: ours for known codes, the server's detail otherwise. Our sentence
 * may quote the server's `{{detail}}` where it carries what only the server knows (Vapi's reason, a country).
 */
export function problemMessage(error: unknown, t: TFunction): string {
  if (!isProblemError(error)) return t('errors.generic')
  if (error.code === 'network_error') return t('errors.network')
  const detail = error.detail ?? error.title
  return t(`errors.codes.${error.code}`, { defaultValue: detail, detail })
}

/** The sentence for one field of a failed call, when the server named that field. */
export function fieldProblemMessage(error: unknown, field: string, t: TFunction): string {
  const fieldError = isProblemError(error) ? error.fieldError(field) : undefined
  if (!fieldError) return problemMessage(error, t)
  return t(`errors.codes.${fieldError.code}`, { defaultValue: fieldError.message, detail: fieldError.message })
}
