/**
 * The owner's own phone: typed by a person in any usual notation, stored in E.164. Its country is where the
 * tenant's virtual numbers come from (phone-numbers reads it through `phoneCountry`).
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { ValidationFailed } from './errors.ts'

/**
 * `raw` parsed with the tenant's country as default region ("06 12 34 56 78" in FR → +33612345678); a 400
 * naming `owner_phone` when it is not a valid number.
 */
export function normalizeOwnerPhone(raw: string, country: string): string {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode)
  if (parsed?.isValid()) return parsed.number
  throw new ValidationFailed([{
    field: 'owner_phone',
    code: 'invalid_phone_number',
    message: raw.trim().startsWith('+')
      ? 'Not a valid phone number'
      : `Not a valid phone number in ${country}; for a number abroad, start with its country code (+32…)`,
  }])
}

/** The country (ISO 3166-1 alpha-2) of an E.164 number, or null when it names none (+800…). */
export function phoneCountry(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null
}
