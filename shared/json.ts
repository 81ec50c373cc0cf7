/**
 * JSON request bodies read without trusting their shape. JSON.parse itself copes with any depth, but what
 * runs on the value afterwards does not: JSON.stringify, schema walks and Postgres' jsonb input recurse once
 * per level, and a few thousand levels overflow a stack (in PGlite, the whole embedded database's). So the
 * nesting is counted on the raw text, in one pass, before anything parses it.
 */

/**
 * The deepest JSON any endpoint accepts, the top-level object or array counting as 1. Our contracts nest 3
 * levels, user metadata a few more and a provider's webhook (a Vapi end-of-call report) about 10: 32 leaves
 * room for all of them while staying two orders of magnitude below the depths that overflow a stack.
 */
export const MAX_JSON_DEPTH = 32

/**
 * Whether objects and arrays nest deeper than `maxDepth` in this JSON text: a linear scan counting `[` and
 * `{` outside strings. Malformed text may be miscounted, which is harmless: JSON.parse rejects it anyway.
 */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) inString = true
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > maxDepth) return true
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--
  }
  return false
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; reason: 'malformed' | 'too_deep' }

/** JSON.parse that never throws and never sees text nested deeper than `maxDepth`. */
export function parseJsonText(
  text: string,
  { maxDepth = MAX_JSON_DEPTH }: { maxDepth?: number } = {},
): ParsedJson {
  if (jsonDepthExceeds(text, maxDepth)) return { ok: false, reason: 'too_deep' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, reason: 'malformed' }
  }
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
