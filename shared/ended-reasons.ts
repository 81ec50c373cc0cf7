/**
 * Vapi's `endedReason` in plain words, and which reasons make a call "missed". Defined once here so the
 * overview's figures (calls function), the notifications (call_missed vs call_completed) and the SPA's labels
 * agree. Vapi sends several hundred reasons (one per provider error); they fold into a few keys the SPA
 * translates (`endedReasons.<key>`), the exact reason staying visible beside the label.
 */

/**
 * Ended before anyone spoke: nobody answered, the line was busy, the call never connected, or a voicemail
 * took it. A call with any other reason — including an error after the assistant spoke — is answered.
 */
export const MISSED_ENDED_REASONS = [
  'customer-did-not-answer',
  'customer-busy',
  'customer-did-not-give-microphone-permission',
  'voicemail',
  'no-answer',
  'busy',
  'twilio-failed-to-connect-call',
  'vonage-failed-to-connect-call',
  'vonage-rejected',
  'twilio-reported-customer-misdialed',
  'call.ringing.error-sip-inbound-call-failed-to-connect',
  'call.ringing.sip-inbound-caller-hungup-before-call-connect',
  'call.in-progress.error-sip-inbound-call-failed-to-connect',
  'call.in-progress.error-sip-outbound-call-failed-to-connect',
] as const

export type MissedEndedReason = (typeof MISSED_ENDED_REASONS)[number]

/** Whether a call that ended with this reason was missed (see MISSED_ENDED_REASONS). */
export function isMissed(reason: string | null | undefined): boolean {
  return reason !== null && reason !== undefined &&
    (MISSED_ENDED_REASONS as readonly string[]).includes(reason)
}

/** The plain-words groups, in the order a legend shows them. */
export const ENDED_REASON_KEYS = [
  'caller_hung_up',
  'assistant_hung_up',
  'forwarded',
  'no_answer',
  'busy',
  'voicemail',
  'failed_to_connect',
  'silence',
  'max_duration',
  'error',
  'other',
] as const

export type EndedReasonKey = (typeof ENDED_REASON_KEYS)[number]

// Exact reasons first, then patterns for the families Vapi names by provider (`pipeline-error-openai-…`).
const EXACT: Record<string, EndedReasonKey> = {
  'customer-ended-call': 'caller_hung_up',
  'customer-ended-call-during-transfer': 'caller_hung_up',
  'customer-ended-call-before-warm-transfer': 'caller_hung_up',
  'customer-ended-call-after-warm-transfer-attempt': 'caller_hung_up',
  'call.ringing.sip-inbound-caller-hungup-before-call-connect': 'caller_hung_up',
  'assistant-ended-call': 'assistant_hung_up',
  'assistant-said-end-call-phrase': 'assistant_hung_up',
  'assistant-ended-call-after-message-spoken': 'assistant_hung_up',
  'assistant-ended-call-with-hangup-task': 'assistant_hung_up',
  'assistant-forwarded-call': 'forwarded',
  'customer-did-not-answer': 'no_answer',
  'no-answer': 'no_answer',
  'call.forwarding.no-answer': 'no_answer',
  'customer-did-not-give-microphone-permission': 'no_answer',
  'customer-busy': 'busy',
  busy: 'busy',
  'call.forwarding.operator-busy': 'busy',
  voicemail: 'voicemail',
  'twilio-reported-customer-misdialed': 'failed_to_connect',
  'vonage-rejected': 'failed_to_connect',
  'silence-timed-out': 'silence',
  'exceeded-max-duration': 'max_duration',
}

/** The plain-words group of an ended reason (null: the call has not ended). */
export function endedReasonKey(reason: string | null | undefined): EndedReasonKey | null {
  if (reason === null || reason === undefined) return null
  const exact = EXACT[reason]
  if (exact) return exact
  if (reason.includes('failed-to-connect')) return 'failed_to_connect'
  if (reason.includes('forward') || reason.includes('transfer')) return 'forwarded'
  if (/error|fault|failed|timed-out|not-found|shutdown/.test(reason)) return 'error'
  return 'other'
}
