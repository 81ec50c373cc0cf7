/** The owner's phone in the interface: a country-aware example for placeholders, and how a stored one reads. */
import { type CountryCode, getExampleNumber } from 'libphonenumber-js/min'
import examples from 'libphonenumber-js/mobile/examples'

/** A mobile number of `country` as people there write it ("06 12 34 56 78"), or '' for an unknown country. */
export function phonePlaceholder(country: string): string {
  try {
    return getExampleNumber(country as CountryCode, examples)?.formatNational() ?? ''
  } catch {
    return ''
  }
}
