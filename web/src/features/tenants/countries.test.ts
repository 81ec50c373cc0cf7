import { describe, expect, it } from 'vitest'
import { countryName } from '@/lib/countries.ts'
import { COUNTRY_CODES, countryOptions } from './countries.ts'

// Withdrawn (FX France métropolitaine, SU, YU, DD, CS, ZR, TP, AN, BU, NT, YD) or reserved (UK, EU, XK…).
const NOT_ASSIGNED = [
  'FX',
  'SU',
  'YU',
  'DD',
  'CS',
  'ZR',
  'TP',
  'AN',
  'BU',
  'NT',
  'YD',
  'UK',
  'EU',
  'EZ',
  'UN',
  'XK',
  'ZZ',
]

describe('countries', () => {
  it('are the 249 ISO 3166-1 alpha-2 codes assigned today, each once', () => {
    expect(COUNTRY_CODES).toHaveLength(249)
    expect(new Set(COUNTRY_CODES).size).toBe(249)
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/)
    for (const code of NOT_ASSIGNED) expect(COUNTRY_CODES).not.toContain(code)
  })

  it.each(['en', 'fr'])('are named in %s, each name once, sorted as that language sorts', (language) => {
    const options = countryOptions(language)
    expect(options).toHaveLength(249)
    const names = options.map((option) => option.label)
    expect(new Set(names).size).toBe(249)
    expect(names.filter((name) => /^[A-Z]{2}$/.test(name))).toEqual([])
    expect(names).toEqual([...names].sort(new Intl.Collator(language).compare))
  })

  it('France and Serbia appear once, in the language of the interface', () => {
    expect(countryOptions('fr').filter((o) => o.label === 'France').map((o) => o.value)).toEqual(['FR'])
    expect(countryOptions('en').filter((o) => o.label.startsWith('Serbia')).map((o) => o.value)).toEqual([
      'RS',
    ])
    expect(countryName('DE', 'fr')).toBe('Allemagne')
    expect(countryName('DE', 'en')).toBe('Germany')
  })
})
