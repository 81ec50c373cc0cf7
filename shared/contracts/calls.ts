/**
 * The `calls` function's route table: every call Vapi reported to the tenant's webhook (live ones first),
 * filtered, searched and exported; one call in full (transcript, structured data, recording, events); the
 * overview's figures; the tenant's retention; and erasing everything about one caller.
 */
import { z } from 'zod'
import { Cursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, page } from './pagination.ts'
import { defineContract } from './route.ts'

/** Vapi's call states, in the only order a call moves through them. */
export const CALL_STATUSES = ['queued', 'ringing', 'in-progress', 'forwarding', 'ended'] as const
export const CallStatus = z.enum(CALL_STATUSES)
export type CallStatus = z.infer<typeof CallStatus>

export const CALL_DIRECTIONS = ['inbound', 'outbound', 'web'] as const
export const CallDirection = z.enum(CALL_DIRECTIONS)
export type CallDirection = z.infer<typeof CallDirection>

export const RECORDING_STATES = ['none', 'pending', 'stored', 'failed', 'deleted'] as const
export const RecordingState = z.enum(RECORDING_STATES).describe(
  'none: Vapi sent no recording; pending: being copied; stored: ours to play; failed: the copy gave up ' +
    '(see `error`); deleted: removed by retention or erasure',
)
export type RecordingState = z.infer<typeof RecordingState>

/** A call as the list shows it. */
export const CallSummary = z.object({
  id: z.uuid(),
  vapi_call_id: z.string(),
  status: CallStatus,
  direction: CallDirection,
  from_number: z.string().nullable().describe('The caller (E.164 when Vapi knows it)'),
  to_number: z.string().nullable().describe('The number called'),
  assistant_id: z.uuid().nullable(),
  workflow_id: z.uuid().nullable(),
  phone_number_id: z.uuid().nullable(),
  started_at: z.iso.datetime(),
  ended_at: z.iso.datetime().nullable(),
  duration_s: z.int().min(0).nullable(),
  cost: z.number().min(0).nullable().describe('USD'),
  ended_reason: z.string().nullable().describe("Vapi's endedReason, as sent (customer-ended-call…)"),
  summary: z.string().nullable(),
  success_evaluation: z.string().nullable().describe('Vapi\'s analysis: usually "true"/"false" or a score'),
  recording_state: RecordingState,
})
export type CallSummary = z.infer<typeof CallSummary>

/** One line of the conversation (Vapi's artifact.messages, system prompt left out). */
export const CallMessage = z.object({
  role: z.string().describe('user, bot, tool_calls, tool_call_result…'),
  message: z.string().nullable(),
  seconds_from_start: z.number().nullable().describe('Where it starts in the recording'),
  duration_s: z.number().nullable(),
})
export type CallMessage = z.infer<typeof CallMessage>

export const CallCost = z.object({
  type: z.string().describe('transport, transcriber, model, voice, vapi, analysis…'),
  provider: z.string().nullable(),
  cost: z.number(),
  minutes: z.number().nullable(),
})
export type CallCost = z.infer<typeof CallCost>

export const CallRecording = z.object({
  state: RecordingState,
  url: z.string().nullable().describe(
    'A signed URL valid a few minutes, for members who may listen (calls.listen); null otherwise',
  ),
  expires_at: z.iso.datetime().nullable(),
  content_type: z.string().nullable(),
  error: z.string().nullable().describe('Why the copy failed, when it did'),
})
export type CallRecording = z.infer<typeof CallRecording>

export const CallEvent = z.object({
  id: z.string(),
  type: z.string().describe("The server message's type (status-update, transcript, end-of-call-report…)"),
  received_at: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()).describe('The message as received, secrets redacted'),
})
export type CallEvent = z.infer<typeof CallEvent>

export const CallDetail = CallSummary.extend({
  transcript: z.string().nullable(),
  messages: z.array(CallMessage),
  structured_data: z.record(z.string(), z.unknown()).nullable(),
  costs: z.array(CallCost),
  recording: CallRecording,
  events: z.array(CallEvent).describe('Oldest first, at most the last 500'),
})
export type CallDetail = z.infer<typeof CallDetail>

const Day = z.iso.date()
const Success = z.enum(['true', 'false', 'unknown']).describe(
  'true / false: the success evaluation said so; unknown: no evaluation',
)

/** The filters the list, the export and the overview share. */
export const CallFilters = z.object({
  from: Day.optional().describe("First day included (the tenant's time zone)"),
  to: Day.optional().describe('Last day included'),
  assistant_id: z.uuid().optional(),
  phone_number_id: z.uuid().optional(),
  ended_reason: z.string().trim().min(1).max(200).optional(),
  success: Success.optional(),
  q: z.string().trim().min(1).max(200).optional().describe(
    'Words searched in transcripts and summaries (French and English)',
  ),
})
export type CallFilters = z.output<typeof CallFilters>

export const ListCallsQuery = CallFilters.extend({
  cursor: Cursor.optional(),
  limit: z.coerce.number<number>().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
})
export type ListCallsQuery = z.output<typeof ListCallsQuery>

export const OverviewQuery = z.object({ from: Day.optional(), to: Day.optional() }).describe(
  'Default: the last 30 days',
)

export const CallsOverview = z.object({
  from: Day,
  to: Day,
  time_zone: z.string(),
  total: z.int().min(0),
  answered: z.int().min(0),
  missed: z.int().min(0).describe('Ended before anyone spoke: no answer, busy, failed to connect…'),
  average_duration_s: z.number().min(0).nullable(),
  cost: z.number().min(0).describe('USD, over the range'),
  cost_this_month: z.number().min(0).describe('USD, since the first of the current month'),
  success_rate: z.number().min(0).max(1).nullable().describe('Among calls with an evaluation'),
  per_day: z.array(z.object({ day: Day, total: z.int(), answered: z.int(), missed: z.int() })),
  ended_reasons: z.array(z.object({ ended_reason: z.string(), count: z.int() })).describe('Top 8'),
  busiest_hours: z.array(z.object({ hour: z.int().min(0).max(23), count: z.int() })).describe(
    "All 24 hours, in the tenant's time zone",
  ),
})
export type CallsOverview = z.infer<typeof CallsOverview>

export const Retention = z.object({
  calls_days: z.int().min(1).max(3650).nullable().describe('Delete calls older than this; null: forever'),
  recordings_days: z.int().min(1).max(3650).nullable().describe(
    'Delete recordings older than this (at most calls_days); null: forever',
  ),
})
export type Retention = z.infer<typeof Retention>

export const CallerBody = z.object({
  number: z.string().trim().min(3).max(64).describe('The caller number, as the calls show it (E.164)'),
})

export const Erasure = z.object({
  calls: z.int().min(0),
  recordings: z.int().min(0),
  notifications: z.int().min(0),
  vapi_queued: z.int().min(0).describe(
    "Calls queued for deletion from the tenant's Vapi organisation (a job deletes them with the tenant's key, " +
      'retrying until Vapi confirms); 0 without a Vapi key',
  ),
})
export type Erasure = z.infer<typeof Erasure>

const Id = z.object({ id: z.uuid() })

export const callsContract = defineContract({
  name: 'calls',
  summary: "A tenant's calls: list, search, export, detail, overview, retention and erasure",
  routes: {
    listCalls: {
      method: 'GET',
      path: '/',
      summary: 'List calls, newest first (keyset pagination)',
      access: 'calls.read',
      query: ListCallsQuery,
      response: page(CallSummary),
    },
    liveCalls: {
      method: 'GET',
      path: '/live',
      summary: 'Calls not ended yet (queued, ringing, in progress, forwarding), newest first',
      access: 'calls.read',
      response: z.object({ items: z.array(CallSummary) }),
    },
    exportCalls: {
      method: 'GET',
      path: '/export',
      summary: 'The filtered calls as CSV (streamed)',
      description: 'Same filters as the list; one row per call, newest first.',
      access: 'calls.export',
      query: CallFilters,
      response: z.string().describe('text/csv'),
      produces: 'text/csv',
    },
    overview: {
      method: 'GET',
      path: '/overview',
      summary: "The overview's figures for a date range",
      access: 'calls.read',
      query: OverviewQuery,
      response: CallsOverview,
    },
    getRetention: {
      method: 'GET',
      path: '/retention',
      summary: 'How long calls and recordings are kept',
      access: 'settings.read',
      response: Retention,
    },
    setRetention: {
      method: 'PUT',
      path: '/retention',
      summary: 'Set how long calls and recordings are kept',
      description:
        "Expired calls and recordings are deleted by a job (ours, and Vapi's with the tenant's key).",
      access: 'settings.manage',
      body: Retention,
      response: Retention,
    },
    exportCaller: {
      method: 'POST',
      path: '/callers/export',
      summary: "Everything about one caller number: a zip of the calls' JSON and recordings",
      access: 'calls.erase',
      body: CallerBody,
      response: z.string().describe('application/zip'),
      produces: 'application/zip',
    },
    eraseCaller: {
      method: 'POST',
      path: '/callers/erase',
      summary: 'Erase everything about one caller number (calls, events, recordings, notifications)',
      access: 'calls.erase',
      body: CallerBody,
      response: Erasure,
    },
    getCall: {
      method: 'GET',
      path: '/:id',
      summary: 'One call in full',
      access: 'calls.read',
      params: Id,
      response: CallDetail,
    },
    recordingUrl: {
      method: 'GET',
      path: '/:id/recording',
      summary: 'A fresh signed URL for the recording',
      access: 'calls.listen',
      params: Id,
      response: CallRecording,
    },
  },
})
