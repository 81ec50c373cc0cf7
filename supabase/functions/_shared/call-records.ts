/**
 * A tenant's call records (`public.calls`) from what Vapi says about a call. The webhook's server messages
 * and the reconciliation job's `GET /call/:id` go through the same two functions, so a call is recorded the
 * same way whichever arrives:
 *
 * - `recordCall`: creates the call, or moves it forward — the status never goes back (queued < ringing <
 *   in-progress < forwarding < ended), missing facts are filled in, and nothing changes once the report is in.
 * - `completeCall`: applies the end-of-call report once (timing, cost, analysis, transcript, recording), then
 *   queues the recording copy, notifies the members and queues the push.
 *
 * Both run in the caller's transaction as service_role: every statement names the tenant.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import {
  CALL_STATUSES,
  type CallCost,
  type CallDirection,
  type CallMessage,
  type CallStatus,
} from '../../../shared/contracts/calls.ts'
import type { NotificationKind } from '../../../shared/contracts/notifications.ts'
import type { Tx } from './db.ts'
import { enqueueJob } from './jobs.ts'

/**
 * What is read of Vapi's Call: the `call` of a server message completed with the report's fields, or the
 * object `GET /call/:id` answers (the SDK's `Vapi.Call` fits as is). Anything else in it is ignored.
 */
export interface VapiCallRecord {
  id: string
  type?: string | null
  status?: string | null
  assistantId?: string | null
  squadId?: string | null
  phoneNumberId?: string | null
  customer?: { number?: string | null } | null
  createdAt?: string | null
  startedAt?: string | null
  endedAt?: string | null
  endedReason?: string | null
  cost?: number | null
  costs?: readonly unknown[] | null
  /** GET /call has the conversation here too (the report has it in `artifact.messages`). */
  messages?: readonly unknown[] | null
  artifact?: object | null
  analysis?: object | null
}

/** Our rows for the call's Vapi ids, in this tenant (null when it has none), and our number's digits. */
export interface CallRefs {
  assistantId: string | null
  workflowId: string | null
  phoneNumberId: string | null
  number: string | null
}

export async function callRefs(tx: Tx, tenant: string, call: VapiCallRecord): Promise<CallRefs> {
  const [refs] = await tx<CallRefs[]>`
    select
      (select a.id from public.assistants a where a.tenant_id = ${tenant} and a.vapi_id = ${
    call.assistantId ?? null
  }) as "assistantId",
      (select w.id from public.workflows w where w.tenant_id = ${tenant} and w.vapi_id = ${
    call.squadId ?? null
  }) as "workflowId",
      p.id as "phoneNumberId", p.number
    from (select 1) as one
    left join public.phone_numbers p on p.tenant_id = ${tenant} and p.vapi_id = ${call.phoneNumberId ?? null}`
  return refs
}

export interface CallFacts {
  refs: CallRefs
  /** When Vapi sent the message: the call's start when Vapi gives no other. */
  at: Date
  /** The status the message reports (a status-update's), else the call's own is used. */
  status?: string | null
  /** The number called, as the message's `phoneNumber.number` gives it; else our number's. */
  phoneNumber?: string | null
}

export interface CallRow {
  id: string
  status: CallStatus
  direction: CallDirection
  from_number: string | null
  to_number: string | null
  assistant_id: string | null
  workflow_id: string | null
  phone_number_id: string | null
  started_at: Date
  ended_at: Date | null
  ended_reason: string | null
  report_at: Date | null
}

const CALL_COLUMNS = [
  'id',
  'status',
  'direction',
  'from_number',
  'to_number',
  'assistant_id',
  'workflow_id',
  'phone_number_id',
  'started_at',
  'ended_at',
  'ended_reason',
  'report_at',
] as const satisfies readonly (keyof CallRow)[]

/** Creates the call or moves it forward; returns the row as it now is. */
export async function recordCall(
  tx: Tx,
  tenant: string,
  call: VapiCallRecord,
  facts: CallFacts,
): Promise<CallRow> {
  return (await upsertCall(tx, tenant, call, facts)).row
}

export interface Completion {
  callId: string
  /** false when the call already had its report (a redelivery, or a report after reconciliation). */
  completed: boolean
  kind: NotificationKind
}

/**
 * Applies the end-of-call report to the call (creating it when no other message came): `call` is Vapi's
 * Call with the report's `endedReason`, `startedAt`, `endedAt`, `cost`, `costs`, `artifact` and `analysis`.
 * The first report wins; later ones change nothing. On the first: the recording is queued for copying
 * (`recording.copy`), the members who read calls are notified (`private.notify_call`) and a push is queued
 * (`push.call`), each at most once per call.
 */
export async function completeCall(
  tx: Tx,
  tenant: string,
  call: VapiCallRecord,
  options: { refs?: CallRefs; at?: Date; phoneNumber?: string | null } = {},
): Promise<Completion> {
  const refs = options.refs ?? await callRefs(tx, tenant, call)
  const report = readReport(call)
  const facts = { refs, at: options.at ?? new Date(), status: 'ended', phoneNumber: options.phoneNumber }
  const { row, reported } = await upsertCall(tx, tenant, call, facts, report)
  const kind: NotificationKind = report.missed ? 'call_missed' : 'call_completed'
  if (!reported) return { callId: row.id, completed: false, kind }

  if (report.columns.recording_state === 'pending') {
    await enqueueJob(tx, {
      kind: 'recording.copy',
      tenantId: tenant,
      payload: { call_id: row.id },
      dedupeKey: `recording.copy:${row.id}`,
    })
  }
  const [{ country }] = await tx<{ country: string }[]>`
    select country from public.tenants where id = ${tenant}`
  const caller = row.direction === 'outbound' ? row.to_number : row.from_number
  const title = notificationTitle(kind, row.direction, caller, country)
  const body = notificationBody(report.columns.summary, report.columns.ended_reason)
  await tx`select private.notify_call(${row.id}, ${kind}, ${title}, ${body})`
  await enqueueJob(tx, {
    kind: 'push.call',
    tenantId: tenant,
    payload: { call_id: row.id, kind },
    dedupeKey: `push.call:${row.id}`,
  })
  return { callId: row.id, completed: true, kind }
}

// What a call looks like to us -------------------------------------------------------------------------

const RANK = new Map<string, number>(CALL_STATUSES.map((status, i) => [status, i]))

/** Vapi's status as ours: `scheduled` waits like `queued`; not-found and deletion-failed are no state. */
function callStatus(vapi: string | null | undefined): CallStatus | null {
  if (vapi === 'scheduled') return 'queued'
  return RANK.has(vapi ?? '') ? vapi as CallStatus : null
}

function direction(type: string | null | undefined): CallDirection {
  if (type === 'outboundPhoneCall') return 'outbound'
  if (type === 'webCall' || type === 'vapi.websocketCall') return 'web'
  return 'inbound'
}

/** The columns a message tells, before comparing them with the row. */
function describe(call: VapiCallRecord, facts: CallFacts) {
  const status = callStatus(facts.status ?? call.status)
  const dir = direction(call.type)
  const customer = clip(call.customer?.number, 64)
  const ours = clip(facts.phoneNumber ?? facts.refs.number, 64)
  const started = instant(call.startedAt)
  return {
    status,
    direction: dir,
    from_number: dir === 'outbound' ? ours : customer,
    to_number: dir === 'outbound' ? customer : dir === 'web' ? null : ours,
    assistant_id: facts.refs.assistantId,
    workflow_id: facts.refs.workflowId,
    phone_number_id: facts.refs.phoneNumberId,
    /** Known only once Vapi says when the call started; until then the call's creation stands in. */
    started,
    fallbackStart: instant(call.createdAt) ?? facts.at,
    ended_at: instant(call.endedAt) ?? (status === 'ended' ? facts.at : null),
    ended_reason: clip(call.endedReason, 200),
  }
}

type Described = ReturnType<typeof describe>

/** The columns to change on an existing row: forward only, fill what is missing, never overwrite. */
function changesFor(row: CallRow, next: Described): Record<string, unknown> {
  const changes: Record<string, unknown> = {}
  if (next.status && RANK.get(next.status)! > RANK.get(row.status)!) changes.status = next.status
  if (next.started && next.started.getTime() !== row.started_at.getTime()) changes.started_at = next.started
  const startedAt = (changes.started_at as Date | undefined) ?? row.started_at
  const fill = [
    'from_number',
    'to_number',
    'assistant_id',
    'workflow_id',
    'phone_number_id',
    'ended_reason',
  ] as const
  for (const column of fill) if (row[column] === null && next[column] !== null) changes[column] = next[column]
  if (row.ended_at === null && next.ended_at && (changes.status ?? row.status) === 'ended') {
    changes.ended_at = notBefore(next.ended_at, startedAt)
  }
  return changes
}

async function upsertCall(
  tx: Tx,
  tenant: string,
  call: VapiCallRecord,
  facts: CallFacts,
  report?: Report,
): Promise<{ row: CallRow; reported: boolean }> {
  const next = describe(call, facts)
  const [existing] = await tx<CallRow[]>`
    select ${tx(CALL_COLUMNS)} from public.calls
    where tenant_id = ${tenant} and vapi_call_id = ${call.id}
    for update`

  if (!existing) {
    const startedAt = report?.startedAt ?? next.started ?? next.fallbackStart
    const endedAt = report ? report.endedAt ?? next.ended_at : next.ended_at
    const columns = {
      tenant_id: tenant,
      vapi_call_id: call.id,
      direction: next.direction,
      from_number: next.from_number,
      to_number: next.to_number,
      assistant_id: next.assistant_id,
      workflow_id: next.workflow_id,
      phone_number_id: next.phone_number_id,
      status: next.status ?? 'queued',
      started_at: startedAt,
      ended_at: endedAt && notBefore(endedAt, startedAt),
      ended_reason: next.ended_reason,
      ...(report ? reportColumns(tx, report, startedAt) : {}),
    }
    const [inserted] = await tx<CallRow[]>`
      insert into public.calls ${tx(columns)}
      on conflict (tenant_id, vapi_call_id) do nothing
      returning ${tx(CALL_COLUMNS)}`
    // Another delivery created it meanwhile (and has committed): move that row forward instead.
    if (!inserted) return await upsertCall(tx, tenant, call, facts, report)
    return { row: inserted, reported: report !== undefined }
  }

  // The report is the last word: a late or repeated message changes nothing.
  if (existing.report_at !== null) return { row: existing, reported: false }
  const changes = changesFor(existing, next)
  if (report) {
    const startedAt = report.startedAt ?? (changes.started_at as Date | undefined) ?? existing.started_at
    Object.assign(changes, reportColumns(tx, report, startedAt), {
      started_at: startedAt,
      ended_at: notBefore(report.endedAt ?? existing.ended_at ?? next.ended_at ?? facts.at, startedAt),
    })
  }
  if (Object.keys(changes).length === 0) return { row: existing, reported: false }
  const [updated] = await tx<CallRow[]>`
    update public.calls set ${tx(changes)} where id = ${existing.id}
    returning ${tx(CALL_COLUMNS)}`
  return { row: updated, reported: report !== undefined }
}

// The end-of-call report --------------------------------------------------------------------------------

interface Report {
  startedAt: Date | null
  endedAt: Date | null
  missed: boolean
  columns: {
    status: 'ended'
    cost: number | null
    costs: CallCost[]
    ended_reason: string | null
    summary: string | null
    structured_data: Record<string, unknown> | null
    success_evaluation: string | null
    transcript: string | null
    messages: CallMessage[]
    recording_state: 'pending' | 'none'
    recording_source_url: string | null
  }
}

/** Ended before anyone spoke: Vapi's reasons for a call nobody answered, or that never connected. */
const MISSED_REASON = /did-not-answer|busy|failed-to-connect|voicemail|^call\.start\.error/

function readReport(call: VapiCallRecord): Report {
  const artifact = call.artifact ?? {}
  const analysis = call.analysis ?? {}
  const messages = callMessages(pick(artifact, 'messages') ?? call.messages)
  const endedReason = clip(call.endedReason, 200)
  const recording = recordingUrl(artifact)
  const structured = pick(analysis, 'structuredData')
  const evaluation = pick(analysis, 'successEvaluation')
  const spoke = messages.some((m) => m.role === 'user' && (m.message ?? '').trim() !== '')
  return {
    startedAt: instant(call.startedAt),
    endedAt: instant(call.endedAt),
    missed: !spoke || MISSED_REASON.test(endedReason ?? ''),
    columns: {
      status: 'ended',
      cost: typeof call.cost === 'number' && Number.isFinite(call.cost) && call.cost >= 0 ? call.cost : null,
      costs: callCosts(call.costs),
      ended_reason: endedReason,
      summary: text(pick(analysis, 'summary')),
      structured_data: isRecord(structured) ? structured : null,
      success_evaluation: ['string', 'number', 'boolean'].includes(typeof evaluation)
        ? clip(String(evaluation), 2000)
        : null,
      transcript: text(pick(artifact, 'transcript')),
      messages,
      recording_state: recording ? 'pending' : 'none',
      recording_source_url: recording,
    },
  }
}

/** The report's columns as written, with the duration measured from the call's start. */
function reportColumns(tx: Tx, report: Report, startedAt: Date) {
  const { costs, messages, structured_data, ...columns } = report.columns
  const duration = report.endedAt && report.startedAt
    ? Math.max(0, Math.round((report.endedAt.getTime() - startedAt.getTime()) / 1000))
    : null
  return {
    ...columns,
    costs: tx.json(costs),
    messages: tx.json(messages),
    structured_data: structured_data === null ? null : tx.json(structured_data as never),
    duration_s: duration,
    report_at: new Date(),
  }
}

/**
 * The conversation without the system prompt. Vapi's `duration` is documented in seconds but sent as the
 * milliseconds between `time` and `endTime`: those two are used when present.
 */
function callMessages(value: unknown): CallMessage[] {
  if (!Array.isArray(value)) return []
  return value.filter(isRecord).filter((m) => typeof m.role === 'string' && m.role !== 'system').map((m) => {
    const time = num(m.time)
    const end = num(m.endTime)
    const duration = time !== null && end !== null ? end - time : num(m.duration)
    return {
      role: m.role as string,
      message: typeof m.message === 'string' ? m.message : null,
      seconds_from_start: num(m.secondsFromStart),
      duration_s: duration === null ? null : Math.max(0, duration) / 1000,
    }
  })
}

/**
 * Each component's cost with its provider wherever Vapi put it: `provider` (transport), under the component
 * (`transcriber.provider`, `model.provider`, `voice.provider`), or the model of an `analysis` cost.
 */
function callCosts(value: unknown): CallCost[] {
  if (!Array.isArray(value)) return []
  return value.filter(isRecord).flatMap((c) => {
    const cost = num(c.cost)
    if (typeof c.type !== 'string' || cost === null) return []
    const provider = text(c.provider) ?? text(pick(c, c.type, 'provider')) ??
      text(pick(c, 'model', 'provider'))
    return [{ type: c.type, provider, cost, minutes: num(c.minutes) }]
  })
}

/** The mono recording, else the older fields, else the stereo one; URLs presigned per delivery. */
function recordingUrl(artifact: object): string | null {
  const url = text(pick(artifact, 'recording', 'mono', 'combinedUrl')) ??
    text(pick(artifact, 'recordingUrl')) ??
    text(pick(artifact, 'recording', 'stereoUrl')) ?? text(pick(artifact, 'stereoRecordingUrl'))
  return url && /^https?:\/\//.test(url) ? url : null
}

// Notifications ----------------------------------------------------------------------------------------

/** "New call from +33 6 12 34 56 78": the number read with the tenant's country as default region. */
export function notificationTitle(
  kind: NotificationKind,
  dir: CallDirection,
  number: string | null,
  country: string,
): string {
  const parsed = number ? parsePhoneNumberFromString(number, country as CountryCode) : undefined
  const who = parsed?.isPossible()
    ? parsed.formatInternational()
    : number ?? (dir === 'web' ? 'a web caller' : 'an unknown number')
  return `${kind === 'call_missed' ? 'Missed call' : 'New call'} from ${who}`
}

const BODY_MAX = 200

/** The summary, shortened to one line of 200 characters; else why the call ended. */
export function notificationBody(summary: string | null, endedReason: string | null): string | null {
  const line = summary?.replace(/\s+/g, ' ').trim()
  if (!line) return endedReason
  return line.length <= BODY_MAX ? line : `${line.slice(0, BODY_MAX - 1).trimEnd()}…`
}

// Reading loose JSON ------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function pick(value: unknown, ...path: string[]): unknown {
  for (const key of path) {
    if (!isRecord(value)) return undefined
    value = value[key]
  }
  return value
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function clip(value: string | null | undefined, max: number): string | null {
  return value ? value.slice(0, max) : null
}

function instant(value: string | null | undefined): Date | null {
  if (!value) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

function notBefore(date: Date, start: Date): Date {
  return date.getTime() < start.getTime() ? start : date
}
