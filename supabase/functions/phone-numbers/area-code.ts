/** Vapi's rule for free numbers: a geographic area code of the United States (not Canada, not toll-free). */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

export function isUsAreaCode(areaCode: string): boolean {
  if (!/^[2-9]\d{2}$/.test(areaCode)) return false
  const parsed = parsePhoneNumberFromString(`+1${areaCode}2345678`)
  return parsed?.country === 'US' && parsed.isValid() && parsed.getType() !== 'TOLL_FREE'
}
