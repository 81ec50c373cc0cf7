import { describe, expect, it } from 'vitest'
import { jsonDepthExceeds, MAX_JSON_DEPTH, parseJsonText } from './json.ts'

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

describe('jsonDepthExceeds', () => {
  it('counts the top-level object or array as depth 1', () => {
    expect(jsonDepthExceeds('1', 0)).toBe(false)
    expect(jsonDepthExceeds('{}', 0)).toBe(true)
    expect(jsonDepthExceeds('{}', 1)).toBe(false)
    expect(jsonDepthExceeds('[[1],{"a":[2]}]', 3)).toBe(false)
    expect(jsonDepthExceeds('[[1],{"a":[2]}]', 2)).toBe(true)
  })

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds('{"a":"[[[[{{{{"}', 1)).toBe(false)
    expect(jsonDepthExceeds('{"a\\"[[[":"\\\\","b":"\\"{{{"}', 1)).toBe(false)
    expect(jsonDepthExceeds('["\\\\",[[]]]', 2)).toBe(true)
  })

  it('measures depth, not the number of siblings', () => {
    expect(jsonDepthExceeds(`[${'[],'.repeat(10_000)}[]]`, 2)).toBe(false)
  })
})

describe('parseJsonText', () => {
  it('parses JSON up to the limit', () => {
    expect(parseJsonText(nested(MAX_JSON_DEPTH))).toMatchObject({ ok: true })
    expect(parseJsonText('{"email":"a@b.c"}')).toEqual({ ok: true, value: { email: 'a@b.c' } })
  })

  it('refuses deeper JSON before parsing it, however deep', () => {
    expect(parseJsonText(nested(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, reason: 'too_deep' })
    expect(parseJsonText('['.repeat(1_000_000))).toEqual({ ok: false, reason: 'too_deep' })
    expect(parseJsonText(nested(5), { maxDepth: 4 })).toEqual({ ok: false, reason: 'too_deep' })
  })

  it('reports malformed text instead of throwing', () => {
    for (const text of ['', '{', '{"a":}', 'undefined', "{'a':1}"]) {
      expect(parseJsonText(text)).toEqual({ ok: false, reason: 'malformed' })
    }
  })
})
