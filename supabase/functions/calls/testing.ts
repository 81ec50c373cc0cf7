/**
 * Fixtures for the calls tests: realistic calls rows written as the service role (the webhook, which fills
 * them in production, is another function), their events, and a recording store on a temporary directory
 * when the stack does not name one. Test code only.
 */
import type { CallDirection, CallStatus, RecordingState } from '../../../shared/contracts/calls.ts'
import type { CoreDeps } from '../_shared/deps.ts'
import { withTestDeps } from '../_shared/testing.ts'
import { recordingPath, type RecordingStore } from '../_shared/storage.ts'
import calls from './handler.ts'

export interface CallSeed {
  vapi_call_id?: string
  status?: CallStatus
  direction?: CallDirection
  from_number?: string | null
  to_number?: string | null
  assistant_id?: string | null
  phone_number_id?: string | null
  started_at?: string
  ended_at?: string | null
  duration_s?: number | null
  cost?: number | null
  costs?: unknown
  ended_reason?: string | null
  summary?: string | null
  success_evaluation?: string | null
  transcript?: string | null
  messages?: unknown
  structured_data?: unknown
  recording_state?: RecordingState
  recording_path?: string | null
  recording_content_type?: string | null
  recording_error?: string | null
}

/** A completed inbound call as Vapi's end-of-call report leaves it, in French unless told otherwise. */
export function realisticCall(seed: CallSeed = {}): Required<CallSeed> {
  const started = seed.started_at ?? new Date().toISOString()
  const duration = seed.duration_s === undefined ? 74 : seed.duration_s
  return {
    vapi_call_id: `call_${crypto.randomUUID()}`,
    status: 'ended',
    direction: 'inbound',
    from_number: '+33612345678',
    to_number: '+33170000000',
    assistant_id: null,
    phone_number_id: null,
    started_at: started,
    ended_at: duration === null ? null : new Date(Date.parse(started) + duration * 1000).toISOString(),
    duration_s: duration,
    cost: 0.0731,
    costs: [
      { type: 'transport', provider: 'twilio', minutes: 1.2333, cost: 0 },
      {
        type: 'transcriber',
        transcriber: { provider: 'deepgram', model: 'nova-3' },
        minutes: 1.2333,
        cost: 0.0123,
      },
      { type: 'model', model: { provider: 'openai', model: 'gpt-4o' }, promptTokens: 900, cost: 0.0041 },
      { type: 'voice', voice: { provider: 'vapi', voiceId: 'Elliot' }, characters: 400, cost: 0.004 },
      { type: 'vapi', subType: 'normal', minutes: 1.2333, cost: 0.0527 },
    ],
    ended_reason: 'customer-ended-call',
    summary: 'Le patient souhaite prendre un rendez-vous mardi matin pour un contrôle.',
    success_evaluation: 'true',
    transcript: 'AI: Cabinet du docteur Martin, bonjour.\nUser: Bonjour, je voudrais prendre rendez-vous ' +
      'pour mardi matin.\nAI: Très bien, je note mardi à neuf heures.',
    messages: [
      { role: 'system', message: 'You are the receptionist. SECRET PROMPT', time: 0, secondsFromStart: 0 },
      { role: 'bot', message: 'Cabinet du docteur Martin, bonjour.', secondsFromStart: 0.5, duration: 1800 },
      {
        role: 'user',
        message: 'Bonjour, je voudrais prendre rendez-vous.',
        secondsFromStart: 2.6,
        duration: 2400,
      },
      { role: 'tool_call_result', result: 'slot booked', secondsFromStart: 5.2 },
    ],
    structured_data: { reason: 'contrôle', day: 'mardi' },
    recording_state: 'none',
    recording_path: null,
    recording_content_type: null,
    recording_error: null,
    ...seed,
  }
}

/** Inserts calls for a tenant as the service role; returns their ids in the order given. */
export async function insertCalls(deps: CoreDeps, tenant: string, seeds: CallSeed[]): Promise<string[]> {
  const ids: string[] = []
  // Batches keep each statement under Postgres' 65,535 parameters.
  for (let i = 0; i < seeds.length; i += 500) {
    const inserted = await deps.db.asService((tx) => {
      const json = (value: unknown) => value === null ? null : tx.json(value as never)
      const rows = seeds.slice(i, i + 500).map((seed) => {
        const call = realisticCall(seed)
        return {
          ...call,
          tenant_id: tenant,
          costs: json(call.costs),
          messages: json(call.messages),
          structured_data: json(call.structured_data),
        }
      })
      return tx<{ id: string }[]>`insert into public.calls ${tx(rows as never)} returning id`
    })
    ids.push(...inserted.map((r) => r.id))
  }
  return ids
}

export async function insertCall(deps: CoreDeps, tenant: string, seed: CallSeed = {}): Promise<string> {
  const [id] = await insertCalls(deps, tenant, [seed])
  return id
}

/** A server message stored for a call, as the webhook keeps them. */
export async function insertEvent(
  deps: CoreDeps,
  tenant: string,
  callId: string,
  type: string,
  payload: unknown,
) {
  await deps.db.asService((tx) =>
    tx`insert into public.call_events (tenant_id, call_id, type, delivery_key, payload)
       values (${tenant}, ${callId}, ${type}, ${crypto.randomUUID()}, ${tx.json(payload as never)})`
  )
}

/**
 * The calls function's deps and handler on the stack's environment; a recording store on a temporary
 * directory when the stack names none (LOCAL_STORAGE_DIR).
 */
export async function withCalls(
  body: (
    kit: { deps: CoreDeps & { recordings: RecordingStore }; handler: (r: Request) => Promise<Response> },
  ) => Promise<void>,
): Promise<void> {
  if (!Deno.env.get('LOCAL_STORAGE_DIR') && !Deno.env.get('GCS_BUCKET')) {
    Deno.env.set('LOCAL_STORAGE_DIR', await Deno.makeTempDir({ prefix: 'calls-recordings-' }))
  }
  await withTestDeps(calls, body)
}

/** An assistant row (no Vapi round trip: the calls only point at it). */
export async function insertAssistant(deps: CoreDeps, tenant: string, name: string): Promise<string> {
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`insert into public.assistants (tenant_id, vapi_id, name)
      values (${tenant}, ${`asst_${crypto.randomUUID()}`}, ${name}) returning id`
  )
  return row.id
}

/** A phone number row of the tenant. */
export async function insertNumber(deps: CoreDeps, tenant: string, number: string): Promise<string> {
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`insert into public.phone_numbers (tenant_id, vapi_id, number, source)
      values (${tenant}, ${`pn_${crypto.randomUUID()}`}, ${number}, 'vapi') returning id`
  )
  return row.id
}

/** A call whose recording was copied into the store (a few bytes of "audio"); returns its id. */
export async function insertRecordedCall(
  deps: CoreDeps & { recordings: RecordingStore },
  tenant: string,
  seed: CallSeed = {},
): Promise<string> {
  const id = await insertCall(deps, tenant, {
    ...seed,
    recording_state: 'stored',
    recording_content_type: 'audio/wav',
  })
  const path = recordingPath(tenant, id, 'wav')
  await deps.recordings.put(path, RECORDING_BYTES, 'audio/wav')
  await deps.db.asService((tx) => tx`update public.calls set recording_path = ${path} where id = ${id}`)
  return id
}

export const RECORDING_BYTES = new TextEncoder().encode('RIFF....WAVEfmt not really audio')
