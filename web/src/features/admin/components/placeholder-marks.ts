/**
 * Splits a rendered template into plain text and the `[PLACEHOLDERS]` it still holds, each tagged unknown
 * (nothing fills it: the template cannot be saved) or missing (this tenant has no value for it), so the
 * preview can highlight them.
 */
export type MarkTone = 'unknown' | 'missing'

export interface Segment {
  text: string
  tone: MarkTone | null
}

// The same shape as the server's placeholders (_shared/prompt-template.ts), captured so split keeps them.
const PLACEHOLDER = /(\[[A-Z][A-Z0-9_]{0,39}\])/g

export function placeholderSegments(text: string, unknown: readonly string[], missing: readonly string[]): Segment[] {
  return text.split(PLACEHOLDER).filter((part) => part !== '').map((part) => {
    const name = /^\[[A-Z][A-Z0-9_]*\]$/.test(part) ? part.slice(1, -1) : null
    const tone = name === null ? null : unknown.includes(name) ? 'unknown' : missing.includes(name) ? 'missing' : null
    return { text: part, tone }
  })
}
