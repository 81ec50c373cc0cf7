import { describe, expect, it } from 'vitest'
import { slugify } from './slug.ts'

describe('slugify', () => {
  it('folds accents, case and punctuation into dashes', () => {
    expect(slugify('Cabinet Dupont & Fils')).toBe('cabinet-dupont-fils')
    expect(slugify('Garage Hélène-Côté')).toBe('garage-helene-cote')
    expect(slugify('  --Salon  Élégance!!  ')).toBe('salon-elegance')
  })

  it('never returns an empty slug', () => {
    expect(slugify('!!!')).toBe('tenant')
    expect(slugify('日本語')).toBe('tenant')
  })

  it('stays within the database limit and never ends with a dash', () => {
    const slug = slugify('a'.repeat(47) + ' b c d e f g')
    expect(slug.length).toBeLessThanOrEqual(48)
    expect(slug).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/)
  })
})
