/** How a number reads to a person: "+33 6 12 34 56 78" rather than its E.164 form. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164
}
