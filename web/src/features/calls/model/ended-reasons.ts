/**
 * Ended reasons: their plain-words groups come from shared/ended-reasons.ts (the overview's figures and the
 * notifications use the same), each group translated as `reasons.<key>` in this feature's locales.
 */
import { endedReasonKey } from '@shared/ended-reasons.ts'

export { endedReasonKey }

/**
 * The reasons the list's filter offers: the API filters on Vapi's exact reason, so these are the ones a person
 * asks about (the errors are rare and vary; their exact reason shows on each call).
 */
export const FILTERABLE_REASONS = [
  'customer-ended-call',
  'assistant-ended-call',
  'assistant-forwarded-call',
  'customer-did-not-answer',
  'customer-busy',
  'voicemail',
  'silence-timed-out',
  'exceeded-max-duration',
] as const
