import type { TFunction } from 'i18next'
import type { FieldError } from 'react-hook-form'

/** Zod's issue code picks our translated sentence; a server error arrives already worded. */
export function keyErrorMessage(error: FieldError, t: TFunction): string {
  switch (error.type) {
    case 'server':
      return error.message ?? t('errors.generic')
    case 'too_small':
      return t('validation.keyTooShort')
    case 'too_big':
      return t('validation.keyTooLong')
    case 'invalid_format':
      return t('validation.noSpaces')
    default:
      return t('validation.required')
  }
}
