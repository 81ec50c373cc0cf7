/**
 * The editor's validation: the draft is turned into the body the server takes and checked with the
 * contract's own schema, so the form refuses exactly what the server would; each issue lands on the field
 * of the same name (the draft and the body share their field names).
 */
import { toNestErrors } from '@hookform/resolvers'
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form'
import type { z } from 'zod'

export function bodyResolver<V extends FieldValues>(schema: z.ZodType, toBody: (values: V) => unknown): Resolver<V> {
  return (values, _context, options) => {
    const parsed = schema.safeParse(toBody(values))
    if (parsed.success) return { values, errors: {} }
    const flat: Record<string, FieldError> = {}
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.')
      flat[path] ??= { type: issue.code, message: issue.message }
    }
    return { values: {}, errors: toNestErrors(flat as FieldErrors, options) }
  }
}
