/**
 * One call in full: what Vapi's end-of-call report stored (transcript, messages, structured data, costs) in
 * the API's shape, the recording (a short-lived URL for members who may listen), and the raw events.
 */
import type {
  CallCost,
  CallDetail,
  CallEvent,
  CallMessage,
  CallRecording,
} from '../../../shared/contracts/calls.ts'
import type { Tx } from '../_shared/db.ts'
import { NotFound } from '../_shared/errors.ts'
import type { RecordingStore } from '../_shared/storage.ts'
import { callColumns, type CallRow, toCallSummary } from './rows.ts'

/** Long enough to start playing and seek; short enough that a copied link soon stops working. */
export const RECORDING_URL_TTL_S = 5 * 60
const MAX_EVENTS = 500

export interface CallDetailRow extends CallRow {
  transcript: string | null
  messages: unknown
  structured_data: unknown
  costs: unknown
  recording_path: string | null
  recording_content_type: string | null
  recording_error: string | null
}

/** The tenant's calls matching `filter` in full (RLS applies: another tenant's are never seen). */
export function selectDetails(tx: Tx, tenant: string, filter = tx`true`) {
  return tx<CallDetailRow[]>`
    select ${callColumns(tx)}, c.transcript, c.messages, c.structured_data, c.costs, c.recording_path,
      c.recording_content_type, c.recording_error
    from public.calls c
    where c.tenant_id = ${tenant} and ${filter}
    order by c.started_at desc, c.id desc`
}

/** One call of the tenant, or 404 (also another tenant's: RLS hides it). */
export async function findCall(tx: Tx, tenant: string, id: string): Promise<CallDetailRow> {
  const [row] = await selectDetails(tx, tenant, tx`c.id = ${id}`)
  if (!row) throw new NotFound('call_not_found', 'No such call')
  return row
}

/** The last MAX_EVENTS events of some calls, oldest first, by call. */
export async function eventsOf(tx: Tx, tenant: string, ids: string[]): Promise<Map<string, CallEvent[]>> {
  const rows = await tx<{ call_id: string; id: string; type: string; received_at: Date; payload: unknown }[]>`
    select e.call_id, e.id::text, e.type, e.received_at, e.payload
    from unnest(${ids}::uuid[]) as wanted(id)
    cross join lateral (
      select * from public.call_events e
      where e.call_id = wanted.id and e.tenant_id = ${tenant}
      order by e.received_at desc, e.id desc limit ${MAX_EVENTS}
    ) e
    order by e.call_id, e.received_at, e.id`
  const byCall = new Map<string, CallEvent[]>(ids.map((id) => [id, []]))
  for (const row of rows) {
    byCall.get(row.call_id)?.push({
      id: row.id,
      type: row.type,
      received_at: row.received_at.toISOString(),
      payload: asObject(row.payload) ?? { value: row.payload },
    })
  }
  return byCall
}

/** Whether the caller may listen in this tenant: the URL is only signed for them. */
export async function mayListen(tx: Tx, tenant: string): Promise<boolean> {
  const [{ allowed }] = await tx<{ allowed: boolean }[]>`
    select private.has_permission(${tenant}::uuid, 'calls.listen') as allowed`
  return allowed
}

export async function recordingOf(
  row: CallDetailRow,
  store: RecordingStore | null,
): Promise<CallRecording> {
  const playable = store !== null && row.recording_state === 'stored' && row.recording_path !== null
  const signed = playable ? await store.signedUrl(row.recording_path!, RECORDING_URL_TTL_S) : null
  return {
    state: row.recording_state,
    url: signed?.url ?? null,
    expires_at: signed?.expiresAt.toISOString() ?? null,
    content_type: row.recording_content_type,
    error: row.recording_error,
  }
}

export function toCallDetail(row: CallDetailRow, recording: CallRecording, events: CallEvent[]): CallDetail {
  return {
    ...toCallSummary(row),
    transcript: row.transcript,
    messages: toMessages(row.messages),
    structured_data: asObject(row.structured_data),
    costs: toCosts(row.costs),
    recording,
    events,
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : null
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

/**
 * Vapi's artifact.messages without the system prompt (the tenant's configuration, not the conversation).
 * Vapi gives `duration` in milliseconds; tool results carry `result` rather than `message`.
 */
export function toMessages(raw: unknown): CallMessage[] {
  const list = Array.isArray(raw) ? raw : asObject(raw)?.messages
  if (!Array.isArray(list)) return []
  return list.map(asObject).filter((m): m is Record<string, unknown> => m !== null && m.role !== 'system')
    .map((m) => {
      const duration = num(m.duration)
      return {
        role: text(m.role) ?? 'unknown',
        message: text(m.message) ?? text(m.result),
        seconds_from_start: num(m.secondsFromStart),
        duration_s: duration === null ? null : duration / 1000,
      }
    })
}

/** Vapi's `costs` items name their provider in a block of their own type (`transcriber.provider`…). */
export function toCosts(raw: unknown): CallCost[] {
  if (!Array.isArray(raw)) return []
  return raw.map(asObject).filter((c): c is Record<string, unknown> => c !== null).map((c) => {
    const type = text(c.type) ?? 'other'
    return {
      type,
      provider: text(c.provider) ?? text(asObject(c[type])?.provider) ?? null,
      cost: num(c.cost) ?? 0,
      minutes: num(c.minutes),
    }
  })
}
