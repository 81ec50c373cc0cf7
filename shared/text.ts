/**
 * Text that cannot be stored: Postgres refuses the NUL character in text and jsonb (a 22021 or 22P05 error,
 * after the request has done its work), and an unpaired UTF-16 surrogate is not Unicode at all, so it turns
 * into U+FFFD on its way to UTF-8 and the stored value silently differs from the one sent. Both are refused
 * at the edge, naming the field.
 */
import { z } from 'zod'

export type UnsafeTextReason = 'nul' | 'lone_surrogate'

export const UNSAFE_TEXT_MESSAGE: Record<UnsafeTextReason, string> = {
  nul: 'must not contain the NUL character (U+0000)',
  lone_surrogate: 'must not contain an unpaired UTF-16 surrogate (U+D800 to U+DFFF)',
}

// Code units, not code points (no `u` flag): a high surrogate not followed by a low one, or a low one not
// preceded by a high one.
// deno-lint-ignore no-control-regex -- NUL is exactly what this looks for
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g')

/** Why this string cannot be stored as text, or null when it can. */
export function unsafeTextReason(s: string): UnsafeTextReason | null {
  const match = UNSAFE.exec(s)
  if (!match) return null
  return match[0] === '\u0000' ? 'nul' : 'lone_surrogate'
}

/** z.string() that refuses NUL and unpaired surrogates; chain `.trim()`, `.min()`… as on any string. */
export function safeText() {
  return z.string().refine((s) => unsafeTextReason(s) === null, {
    error: (issue) => UNSAFE_TEXT_MESSAGE[unsafeTextReason(issue.input as string)!],
  })
}

export const SafeText = safeText()

export interface UnsafeText {
  /** Dotted path of the field (`data.bio`, `items.0.name`); a bad object key is named with its bad
   * characters escaped (`data.a\u0000b`). Empty for a bad top-level string. */
  path: string
  reason: UnsafeTextReason
}

/** The first string or object key, in document order, that cannot be stored as text; null when all can. */
export function findUnsafeText(value: unknown, path = ''): UnsafeText | null {
  // Iterative, so a value nested deeper than the call stack (one not read through parseJsonText) is walked
  // too. Children are pushed in reverse, each key just above its value, to be visited in document order.
  const stack: { value: unknown; path: string; isKey?: true }[] = [{ value, path }]
  while (stack.length > 0) {
    const item = stack.pop()!
    if (typeof item.value === 'string') {
      const reason = unsafeTextReason(item.value)
      if (reason) return { path: item.isKey ? join(item.path, escapeUnsafe(item.value)) : item.path, reason }
    } else if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--) {
        stack.push({ value: item.value[i], path: join(item.path, String(i)) })
      }
    } else if (typeof item.value === 'object' && item.value !== null) {
      const entries = Object.entries(item.value)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]
        stack.push({ value: child, path: join(item.path, key) }, { value: key, path: item.path, isKey: true })
      }
    }
  }
  return null
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}

function escapeUnsafe(s: string): string {
  return s.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
