import { isAuthError } from '@supabase/supabase-js'
import type { TFunction } from 'i18next'

const KNOWN = new Set([
  'invalid_credentials',
  'user_already_exists',
  'email_exists',
  'weak_password',
  'over_request_rate_limit',
  'email_not_confirmed',
])

/** A sentence the user can act on, in their language, for any auth failure. */
export function authErrorMessage(error: unknown, t: TFunction): string {
  if (isAuthError(error) && error.code && KNOWN.has(error.code)) return t(`auth.errors.${error.code}`)
  if (isAuthError(error) && error.status === 0) return t('errors.network')
  return t('auth.errors.generic')
}
