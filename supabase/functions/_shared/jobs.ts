/**
 * The jobs queue (table `public.jobs`): work that must not hold a request up or that must be retried until
 * it succeeds — copying a recording, sending push notifications and checking their receipts, reconciling
 * calls with Vapi, deleting expired data. A request enqueues in its own transaction, so the job exists
 * exactly when the change that needs it was committed; the `jobs` function runs due jobs.
 */
import type { Tx } from './db.ts'

/** Every kind of job and its payload. */
export interface JobPayloads {
  /** Copy a call's recording from Vapi into the recording store. */
  'recording.copy': { call_id: string }
  /** Push "New call from …" to the members' phones. */
  'push.call': { call_id: string; kind: 'call_completed' | 'call_missed' }
  /** Check Expo's receipts of earlier pushes; drop tokens answered DeviceNotRegistered. */
  'push.receipts': { tickets: { id: string; token: string }[] }
  /** Complete the tenant's calls whose end-of-call report never came, from Vapi's GET /call. */
  'calls.reconcile': Record<never, never>
  /** Delete the tenant's calls and recordings older than its retention. */
  'calls.retention': Record<never, never>
  /** Delete calls from the tenant's Vapi organisation (after retention or erasure). */
  'vapi.delete_calls': { vapi_call_ids: string[] }
}

export type JobKind = keyof JobPayloads

export interface EnqueueOptions<K extends JobKind> {
  kind: K
  tenantId: string | null
  payload: JobPayloads[K]
  /** While a job with this key is queued or running, enqueueing another is a no-op. */
  dedupeKey?: string
  runAt?: Date
  maxAttempts?: number
}

/**
 * Adds a job in the caller's transaction (as service_role: the API roles cannot write `jobs`). Returns the
 * job's id, or null when a pending job had the same dedupe key.
 */
export async function enqueueJob<K extends JobKind>(tx: Tx, job: EnqueueOptions<K>): Promise<string | null> {
  const rows = await tx<{ id: string }[]>`
    insert into public.jobs (tenant_id, kind, payload, dedupe_key, next_run_at, max_attempts)
    values (${job.tenantId}, ${job.kind}, ${tx.json(job.payload as never)}, ${job.dedupeKey ?? null},
      coalesce(${job.runAt ?? null}::timestamptz, now()), ${job.maxAttempts ?? 8})
    on conflict (dedupe_key) where state in ('queued', 'running') do nothing
    returning id::text`
  return rows[0]?.id ?? null
}
