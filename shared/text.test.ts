import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { findUnsafeText, SafeText, safeText, UNSAFE_TEXT_MESSAGE, unsafeTextReason } from './text.ts'

describe('unsafeTextReason', () => {
  it('accepts any well-formed text, astral characters included', () => {
    for (const s of ['', 'Cabinet Dupont', 'Hélène 😀 日本語', '\u{1F600}', 'tab\tand\nnewline']) {
      expect(unsafeTextReason(s)).toBe(null)
    }
  })

  it('names NUL and unpaired surrogates, whichever comes first', () => {
    expect(unsafeTextReason('a\u0000b')).toBe('nul')
    expect(unsafeTextReason('\uD83D')).toBe('lone_surrogate')
    expect(unsafeTextReason('x\uDE00')).toBe('lone_surrogate')
    expect(unsafeTextReason('\uDE00\uD83D')).toBe('lone_surrogate')
    expect(unsafeTextReason('\uD83Dx\u0000')).toBe('lone_surrogate')
    expect(unsafeTextReason('😀\u0000\uD83D')).toBe('nul')
  })
})

describe('SafeText', () => {
  it('refuses NUL and unpaired surrogates with a message saying which', () => {
    expect(SafeText.parse('ok 😀')).toBe('ok 😀')
    expect(SafeText.safeParse('a\u0000').error?.issues[0].message).toBe(UNSAFE_TEXT_MESSAGE.nul)
    expect(SafeText.safeParse('a\uD800').error?.issues[0].message).toBe(UNSAFE_TEXT_MESSAGE.lone_surrogate)
  })

  it('chains like z.string() and names the field in an object', () => {
    const Body = safeText().trim().min(1)
    expect(Body.parse('  x  ')).toBe('x')
    expect(Body.safeParse('   ').success).toBe(false)
    const result = z.object({ name: safeText().max(10) }).safeParse({ name: 'a\u0000' })
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['name'])
  })
})

describe('findUnsafeText', () => {
  it('finds nothing in clean values', () => {
    expect(findUnsafeText({ a: ['x', 1, null, true, { b: 'é' }] })).toBe(null)
    expect(findUnsafeText(42)).toBe(null)
  })

  it('names the first bad string by its dotted path, in document order', () => {
    expect(findUnsafeText({ email: 'a\u0000@b.c' })).toEqual({ path: 'email', reason: 'nul' })
    expect(findUnsafeText({ a: 'ok', data: { tags: ['x', 'y\uDC00'] }, z: '\u0000' })).toEqual({
      path: 'data.tags.1',
      reason: 'lone_surrogate',
    })
    expect(findUnsafeText('\u0000')).toEqual({ path: '', reason: 'nul' })
    expect(findUnsafeText({ b: '\u0000' }, 'body')).toEqual({ path: 'body.b', reason: 'nul' })
  })

  it('checks object keys, escaping the bad characters in the path', () => {
    expect(findUnsafeText({ data: { 'a\u0000b': 1 } })).toEqual({ path: 'data.a\\u0000b', reason: 'nul' })
    expect(findUnsafeText({ '\uD800': 'x' })).toEqual({ path: '\\ud800', reason: 'lone_surrogate' })
    expect(findUnsafeText({ a: { b: '\u0000' }, 'c\u0000': 1 })).toEqual({ path: 'a.b', reason: 'nul' })
  })

  it('walks values nested deeper than the call stack', () => {
    let deep: unknown = '\u0000'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(findUnsafeText(deep)?.reason).toBe('nul')
  })
})
