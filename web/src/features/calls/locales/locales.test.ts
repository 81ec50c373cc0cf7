import { describe, expect, it } from 'vitest'
import en from './en.json'
import fr from './fr.json'

// The same checks as src/locales/locales.test.ts, on the calls feature's own namespace.
function flatten(tree: object, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [[prefix + key, value]] : Object.entries(flatten(value, `${prefix}${key}.`))
    ),
  )
}

const english = flatten(en)
const french = flatten(fr)

describe('calls locales', () => {
  it('translate the same keys', () => {
    expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort())
  })

  it('keep the same interpolations', () => {
    for (const [key, text] of Object.entries(english)) {
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
      expect(vars(french[key]), key).toEqual(vars(text))
    }
  })

  it('use French typography: curly apostrophes and no-break spaces before : ; ! ?', () => {
    for (const [key, text] of Object.entries(french)) {
      expect(text, key).not.toMatch(/'/)
      expect(text, key).not.toMatch(/ [:;!?]/)
      expect(text, key).not.toMatch(/[^\s\u00a0\u202f][;!?]/)
    }
  })
})
