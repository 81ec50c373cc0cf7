import { z } from 'zod'

/** One invalid input field, named by its dotted path in the request ("vapi_api_key", "query.limit"). */
export const FieldError = z.object({
  field: z.string(),
  message: z.string(),
  code: z.string(),
})
export type FieldError = z.infer<typeof FieldError>

/** RFC 9457 problem details, the body of every error response. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z.array(FieldError).optional(),
  request_id: z.string().optional(),
})
export type Problem = z.infer<typeof Problem>
