/**
 * What each of Vapi's server messages does, in the delivery's one transaction (as the service role, the
 * tenant named in every statement):
 *
 * 1. The message is stored (`call_events`, redacted) under its delivery key. A redelivery finds the key
 *    taken and stops there: its effect was applied with the first.
 * 2. Its effect on the call (`_shared/call-records.ts`): status-update, transcript, conversation-update,
 *    speech-update and assistant-request create the call or move it forward; end-of-call-report completes
 *    it. Any other type is only stored, with the call when we have it.
 * 3. Final transcripts and conversation updates are broadcast on `tenant:<id>:calls` (event `transcript`)
 *    for the live view; the call's own changes are broadcast by the table's trigger (`call_changed`).
 */
import type { VapiServerMessage } from '../../../shared/contracts/webhooks.ts'
import { completeCall, recordCall, type VapiCallRecord } from '../_shared/call-records.ts'
import type { Tx } from '../_shared/db.ts'
import { storedPayload } from '../_shared/voice.ts'
import type { Route } from './routing.ts'

/** Message types that create the call or move it forward. */
const RECORDED = new Set([
  'status-update',
  'transcript',
  'conversation-update',
  'speech-update',
  'assistant-request',
])

/** Longest line sent to the live view: broadcasts stay small, the full text is in the report. */
const LIVE_TEXT_MAX = 2000

/**
 * Stores the message and applies its effect, unless it is a redelivery. `receivedAt` stands in for a message
 * without a usable timestamp.
 */
export async function applyMessage(
  tx: Tx,
  tenant: string,
  message: VapiServerMessage,
  route: Route,
  receivedAt: Date,
): Promise<void> {
  const vapiCallId = message.call?.id ?? null
  const [event] = await tx<{ id: string; call_id: string | null }[]>`
    insert into public.call_events (tenant_id, call_id, type, delivery_key, payload)
    values (${tenant},
      (select id from public.calls where tenant_id = ${tenant} and vapi_call_id = ${vapiCallId}),
      ${message.type}, ${await deliveryKey(message)}, ${storedPayload(tx, message)})
    on conflict (tenant_id, delivery_key) do nothing
    returning id::text, call_id`
  // The key is taken: the first delivery of this message applied its effect.
  if (!event || !message.call) return

  const sent = new Date(message.timestamp ?? Number.NaN)
  const at = Number.isNaN(sent.getTime()) ? receivedAt : sent
  const callId = await applyEffect(tx, tenant, message, message.call, route, at)
  if (callId && event.call_id === null) {
    await tx`update public.call_events set call_id = ${callId} where id = ${event.id}`
  }
}

/** The call's id once the message's effect is applied; null for a type that has none. */
async function applyEffect(
  tx: Tx,
  tenant: string,
  message: VapiServerMessage,
  call: VapiCallRecord,
  route: Route,
  at: Date,
): Promise<string | null> {
  const phoneNumber = message.phoneNumber?.number
  const customer = call.customer ?? message.customer
  if (message.type === 'end-of-call-report') {
    // The report's fields sit beside `call`, whose own copy of them may be older.
    const reported: VapiCallRecord = {
      ...call,
      customer,
      endedReason: message.endedReason ?? call.endedReason,
      startedAt: message.startedAt ?? call.startedAt,
      endedAt: message.endedAt ?? call.endedAt,
      cost: message.cost ?? call.cost,
      costs: message.costs ?? call.costs,
      artifact: message.artifact ?? call.artifact,
      analysis: message.analysis ?? call.analysis,
    }
    return (await completeCall(tx, tenant, reported, { refs: route.refs, at, phoneNumber })).callId
  }
  if (!RECORDED.has(message.type)) return null

  const row = await recordCall(tx, tenant, {
    ...call,
    customer,
    endedReason: message.type === 'status-update'
      ? message.endedReason ?? call.endedReason
      : call.endedReason,
  }, {
    refs: route.refs,
    at,
    // A speech-update's `status` is the speech's (started, stopped), not the call's.
    status: message.type === 'status-update' ? message.status : undefined,
    phoneNumber,
  })
  const line = liveLine(message)
  if (line) {
    await tx`select realtime.send(${tx.json({ call_id: row.id, ...line })}, 'transcript',
      ${`tenant:${tenant}:calls`}, true)`
  }
  return row.id
}

interface LiveLine {
  role: 'assistant' | 'user'
  text: string
  seconds_from_start?: number
}

/** The line a final transcript, or the newest spoken message of a conversation update, adds to the view. */
function liveLine(message: VapiServerMessage): LiveLine | null {
  if (message.type === 'transcript') {
    if (message.transcriptType !== 'final' || !message.transcript) return null
    const role = message.role === 'assistant' || message.role === 'user' ? message.role : null
    return role && { role, text: message.transcript.slice(0, LIVE_TEXT_MAX) }
  }
  if (message.type !== 'conversation-update') return null
  const last = (message.messages ?? []).filter(isSpoken).at(-1)
  if (!last) return null
  return {
    role: last.role === 'bot' ? 'assistant' : 'user',
    text: last.message.slice(0, LIVE_TEXT_MAX),
    ...(typeof last.secondsFromStart === 'number' ? { seconds_from_start: last.secondsFromStart } : {}),
  }
}

/** A line of Vapi's conversation someone said (not the system prompt, not a tool call). */
interface Spoken {
  role: 'bot' | 'user'
  message: string
  secondsFromStart?: unknown
}

function isSpoken(value: unknown): value is Spoken {
  const { role, message } = (value ?? {}) as Partial<Record<string, unknown>>
  return (role === 'bot' || role === 'user') && typeof message === 'string' && message !== ''
}

/**
 * What makes a delivery the same message: its type, call, timestamp and the fields that tell apart messages
 * sent in the same millisecond (status, transcript type, role). Not the body: Vapi presigns the recording
 * URLs anew for every delivery. Hashed, so any call id fits the column.
 */
async function deliveryKey(message: VapiServerMessage): Promise<string> {
  const parts = [
    message.type,
    message.call?.id ?? '',
    message.timestamp ?? '',
    message.status ?? '',
    message.transcriptType ?? '',
    message.role ?? '',
  ]
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(parts)))
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${message.type}:${hex}`
}
