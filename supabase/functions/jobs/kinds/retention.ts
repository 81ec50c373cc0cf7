/**
 * `calls.retention`: applies the tenant's retention (`call_retention`; no row or nulls keep everything).
 *
 * 1. Recordings older than `recordings_days` (or `calls_days`, whichever is shorter): the object is deleted
 *    from the store first, then the call says `recording_state = 'deleted'` with no path. A failure between
 *    the two leaves the row as it was and the next run deletes again (deleting is idempotent).
 * 2. Calls older than `calls_days` (by `started_at`): deleted with their events and notifications (cascade),
 *    and, when the tenant has a Vapi key, a `vapi.delete_calls` job in the same transaction.
 *
 * A batch at a time, each in its own transaction; at most MAX_BATCHES per kind per run, the next hourly run
 * taking the rest, so a first retention over years of calls never holds the worker for long.
 */
import type { Tx } from '../../_shared/db.ts'
import { enqueueJob, type Job } from '../../_shared/jobs.ts'
import type { JobsDeps } from '../deps.ts'
import { jobTenant } from './tenant-vapi.ts'

const BATCH = 200
const MAX_BATCHES = 25
/** Ids per vapi.delete_calls job: one job deletes them one by one. */
const VAPI_IDS_PER_JOB = 100

interface Retention {
  calls_days: number | null
  recordings_days: number | null
}

export async function applyRetention(job: Job<'calls.retention'>, deps: JobsDeps): Promise<void> {
  const tenant = jobTenant(job)
  const [retention] = await deps.db.asService((tx) =>
    tx<Retention[]>`
      select calls_days, recordings_days from public.call_retention where tenant_id = ${tenant}`
  )
  if (!retention) return
  const now = deps.clock.now()
  const recordingsDays = minDays(retention.recordings_days, retention.calls_days)
  if (recordingsDays !== null) await deleteRecordings(deps, tenant, daysBefore(now, recordingsDays))
  if (retention.calls_days !== null) await deleteCalls(deps, tenant, daysBefore(now, retention.calls_days))
}

async function deleteRecordings(deps: JobsDeps, tenant: string, before: Date): Promise<void> {
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await deps.db.asService((tx) =>
      tx<{ id: string; recording_path: string | null }[]>`
        select id, recording_path from public.calls
        where tenant_id = ${tenant} and started_at < ${before}
          and recording_state in ('pending', 'stored', 'failed')
        order by started_at limit ${BATCH}`
    )
    if (rows.length === 0) return
    for (const row of rows) if (row.recording_path) await deps.store.delete(row.recording_path)
    await deps.db.asService((tx) =>
      tx`
        update public.calls
        set recording_state = 'deleted', recording_path = null, recording_source_url = null,
          recording_error = null
        where tenant_id = ${tenant} and id in ${tx(rows.map((r) => r.id))}`
    )
    if (rows.length < BATCH) return
  }
}

async function deleteCalls(deps: JobsDeps, tenant: string, before: Date): Promise<void> {
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const deleted = await deps.db.asService(async (tx) => {
      const rows = await tx<{ vapi_call_id: string; recording_path: string | null }[]>`
        delete from public.calls where id in (
          select id from public.calls where tenant_id = ${tenant} and started_at < ${before}
          order by started_at limit ${BATCH})
        returning vapi_call_id, recording_path`
      await forgetInVapi(tx, tenant, rows.map((r) => r.vapi_call_id))
      return rows
    })
    // A recording copied since step 1 (its job raced this one): its row is gone, so is the object.
    for (const row of deleted) if (row.recording_path) await deps.store.delete(row.recording_path)
    if (deleted.length < BATCH) return
  }
}

/** Queues the deletion of these calls in the tenant's Vapi organisation, when it has a key. */
async function forgetInVapi(tx: Tx, tenant: string, vapiCallIds: string[]): Promise<void> {
  if (vapiCallIds.length === 0) return
  const [{ has_key }] = await tx<{ has_key: boolean }[]>`
    select exists (select 1 from public.provider_credentials where tenant_id = ${tenant} and provider = 'vapi')
      as has_key`
  if (!has_key) return
  for (let i = 0; i < vapiCallIds.length; i += VAPI_IDS_PER_JOB) {
    await enqueueJob(tx, {
      kind: 'vapi.delete_calls',
      tenantId: tenant,
      payload: { vapi_call_ids: vapiCallIds.slice(i, i + VAPI_IDS_PER_JOB) },
    })
  }
}

function minDays(a: number | null, b: number | null): number | null {
  if (a === null) return b
  return b === null ? a : Math.min(a, b)
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000)
}
