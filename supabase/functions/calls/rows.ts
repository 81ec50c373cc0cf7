/** A tenant's calls rows as the list shows them: the selected columns, typed, and one mapper. */
import type {
  CallDirection,
  CallStatus,
  CallSummary,
  RecordingState,
} from '../../../shared/contracts/calls.ts'
import type { Tx } from '../_shared/db.ts'
import { newestSortAt } from '../_shared/pagination.ts'

export interface CallRow {
  id: string
  vapi_call_id: string
  status: CallStatus
  direction: CallDirection
  from_number: string | null
  to_number: string | null
  assistant_id: string | null
  workflow_id: string | null
  phone_number_id: string | null
  started_at: Date
  ended_at: Date | null
  duration_s: number | null
  /** numeric(12, 4): postgres.js hands it over as text, to keep every digit. */
  cost: string | null
  ended_reason: string | null
  summary: string | null
  success_evaluation: string | null
  recording_state: RecordingState
  /** started_at with its microseconds, for the list's cursor (a Date keeps only milliseconds). */
  sort_at: string
}

export const CALL_COLUMNS = [
  'id',
  'vapi_call_id',
  'status',
  'direction',
  'from_number',
  'to_number',
  'assistant_id',
  'workflow_id',
  'phone_number_id',
  'started_at',
  'ended_at',
  'duration_s',
  'cost',
  'ended_reason',
  'summary',
  'success_evaluation',
  'recording_state',
] as const satisfies readonly (keyof CallRow)[]

/** The list's columns of `public.calls c`, with the cursor's sort key. */
export function callColumns(tx: Tx) {
  return tx`${tx(CALL_COLUMNS.map((name) => `c.${name}`))}, ${newestSortAt(tx, 'c', 'started_at')} as sort_at`
}

export function toCallSummary(row: CallRow): CallSummary {
  return {
    id: row.id,
    vapi_call_id: row.vapi_call_id,
    status: row.status,
    direction: row.direction,
    from_number: row.from_number,
    to_number: row.to_number,
    assistant_id: row.assistant_id,
    workflow_id: row.workflow_id,
    phone_number_id: row.phone_number_id,
    started_at: row.started_at.toISOString(),
    ended_at: row.ended_at?.toISOString() ?? null,
    duration_s: row.duration_s,
    cost: row.cost === null ? null : Number(row.cost),
    ended_reason: row.ended_reason,
    summary: row.summary,
    success_evaluation: row.success_evaluation,
    recording_state: row.recording_state,
  }
}
