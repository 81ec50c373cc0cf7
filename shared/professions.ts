/** What a tenant does; it picks sensible defaults (greeting, templates) in later features. */
export const PROFESSIONS = [
  'doctor',
  'dentist',
  'physiotherapist',
  'veterinarian',
  'lawyer',
  'garage',
  'salon',
  'driver',
  'restaurant',
  'real_estate',
  'other',
] as const

export type Profession = (typeof PROFESSIONS)[number]
