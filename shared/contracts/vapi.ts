/**
 * The problems every route that calls the tenant's Vapi may answer (supabase/functions/_shared/voice.ts
 * produces them): declared once, spread into each route's `problems`.
 */
export const VAPI_PROBLEMS = [
  { status: 409, code: 'vapi_not_configured', description: 'The tenant has not saved its Vapi API key' },
  {
    status: 422,
    code: 'vapi_rejected',
    description: "Vapi refused the request: `detail` carries Vapi's message; nothing was saved",
  },
  { status: 422, code: 'vapi_key_invalid', description: 'Vapi refused the saved API key' },
  { status: 502, code: 'vapi_unreachable', description: 'Vapi could not be reached; nothing was saved' },
] as const
