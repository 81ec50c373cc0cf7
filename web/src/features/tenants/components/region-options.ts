/** Intl names every ISO 3166-1 code it knows; these are regions that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB'])
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

export function countryOptions(language: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' })
  const options: { code: string; name: string }[] = []
  for (const a of LETTERS) {
    for (const b of LETTERS) {
      const code = a + b
      if (NOT_COUNTRIES.has(code)) continue
      const name = safeName(names, code)
      if (name && name !== code) options.push({ code, name })
    }
  }
  return options.sort((x, y) => x.name.localeCompare(y.name, language))
}

function safeName(names: Intl.DisplayNames, code: string) {
  try {
    return names.of(code)
  } catch {
    return undefined
  }
}

export function browserCountry(): string {
  try {
    return new Intl.Locale(navigator.language).maximize().region ?? 'FR'
  } catch {
    return 'FR'
  }
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export function timeZoneOptions(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone')
  return zones.includes(current) ? zones : [current, ...zones]
}
