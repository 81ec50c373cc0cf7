/**
 * The jobs queue (table `public.jobs`): work that must not hold a request up or that must be retried until
 * it succeeds — copying a recording, sending push notifications and checking their receipts, reconciling
 * calls with Vapi, deleting expired data. A request enqueues in its own transaction, so the job exists
 * exactly when the change that needs it was committed; the `jobs` function runs due jobs.
 *
 * Semantics (docs/architecture.md#jobs): at least once. A worker claims due jobs with `for update skip
 * locked` (two workers never take the same job), marks them `running` with a lease (`locked_until`) and
 * counts the attempt, then runs each handler outside the claiming transaction. A job whose worker died comes
 * back when its lease expires. Success is `done`; an error is retried with exponential backoff and jitter
 * until `max_attempts`, then `failed`; a handler may also give up at once (GiveUp) or name the next run
 * (RetryLater). Handlers must therefore be idempotent.
 */
import type { Db, Tx } from './db.ts'
import type { Logger } from './log.ts'

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

/** One claimed job, as its handler sees it. */
export interface Job<K extends JobKind = JobKind> {
  id: string
  kind: K
  tenantId: string | null
  payload: JobPayloads[K]
  /** This run's attempt, from 1. */
  attempt: number
  maxAttempts: number
  /** No retry follows a failure of this run: a handler records the failure where users see it. */
  isLastAttempt: boolean
}

/** Does one job's work; returning is success, throwing is a retry (or GiveUp, RetryLater). */
export type JobHandler<K extends JobKind, D> = (job: Job<K>, deps: D) => Promise<void>

/** Handlers per kind: a worker claims only the kinds it has a handler for. */
export type JobHandlers<D> = { [K in JobKind]?: JobHandler<K, D> }

/** Thrown by a handler: no retry can help (the source is gone for good); the job fails with `reason`. */
export class GiveUp extends Error {
  override name = 'GiveUp'
  constructor(reason: string) {
    super(reason)
  }
}

/**
 * Thrown by a handler: try again at `at` (else after the backoff), with `payload` replacing the job's own
 * (what is left to do after a partial success). Counts as an attempt.
 */
export class RetryLater<K extends JobKind = JobKind> extends Error {
  override name = 'RetryLater'
  constructor(reason: string, readonly options: { at?: Date; payload?: JobPayloads[K] } = {}) {
    super(reason)
  }
}

export interface RunOptions<D> {
  handlers: JobHandlers<D>
  /** How many jobs to claim, run side by side. */
  limit: number
  /** Names this worker in the logs. */
  workerId: string
  /** Only this tenant's jobs (one tenant's backlog by hand, and the tests). */
  tenantId?: string
  /** How long a claim holds before another worker may take the job again (default 10 minutes). */
  leaseSeconds?: number
  /** Seconds before retry number `attempt` (default: backoffSeconds). */
  backoff?: (attempt: number) => number
}

export interface RunResult {
  ran: number
  succeeded: number
  /** Runs that failed: retried later or, with no attempt left, failed for good. */
  failed: number
}

/** 30 s, 1 min, 2 min… up to 1 h, each between half and all of it (jitter spreads a burst of failures). */
export function backoffSeconds(attempt: number): number {
  const full = Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1))
  return full / 2 + Math.random() * (full / 2)
}

const DEFAULT_LEASE_SECONDS = 600

interface ClaimedRow {
  id: string
  kind: JobKind
  tenant_id: string | null
  payload: unknown
  attempts: number
  max_attempts: number
}

/** Claims up to `limit` due jobs of the known kinds and runs them; see the module comment. */
export async function runDueJobs<D extends { db: Db; log: Logger }>(
  deps: D,
  options: RunOptions<D>,
): Promise<RunResult> {
  const kinds = Object.keys(options.handlers)
  if (kinds.length === 0 || options.limit < 1) return { ran: 0, succeeded: 0, failed: 0 }
  const jobs = await claim(deps.db, kinds, options)
  const outcomes = await Promise.all(jobs.map((job) => runOne(deps, options, job)))
  const succeeded = outcomes.filter(Boolean).length
  return { ran: jobs.length, succeeded, failed: jobs.length - succeeded }
}

async function claim(
  db: Db,
  kinds: string[],
  options: Pick<RunOptions<never>, 'limit' | 'tenantId' | 'leaseSeconds'>,
): Promise<Job[]> {
  const lease = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS
  const tenant = options.tenantId ?? null
  const rows = await db.asService(async (tx) => {
    // A worker that died during the last attempt leaves nothing to retry with.
    await tx`
      update public.jobs
      set state = 'failed', locked_until = null, finished_at = now(),
        last_error = 'The worker running its last attempt stopped'
      where state = 'running' and locked_until < now() and attempts >= max_attempts
        and kind in ${tx(kinds)} and (${tenant}::uuid is null or tenant_id = ${tenant}::uuid)`
    return await tx<ClaimedRow[]>`
      with due as (
        select id from public.jobs
        where kind in ${tx(kinds)} and (${tenant}::uuid is null or tenant_id = ${tenant}::uuid)
          and ((state = 'queued' and next_run_at <= now()) or (state = 'running' and locked_until < now()))
          and attempts < max_attempts
        order by next_run_at, id
        limit ${options.limit}
        for update skip locked
      )
      update public.jobs j
      set state = 'running', attempts = j.attempts + 1,
        locked_until = now() + make_interval(secs => ${lease})
      from due where j.id = due.id
      returning j.id::text as id, j.kind, j.tenant_id, j.payload, j.attempts, j.max_attempts`
  })
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    tenantId: row.tenant_id,
    payload: row.payload as never,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    isLastAttempt: row.attempts >= row.max_attempts,
  }))
}

/** Runs one claimed job and records its outcome; true when it succeeded. */
async function runOne<D extends { db: Db; log: Logger }>(
  deps: D,
  options: RunOptions<D>,
  job: Job,
): Promise<boolean> {
  const handler = options.handlers[job.kind] as JobHandler<JobKind, D>
  const fields = { job_id: job.id, kind: job.kind, attempt: job.attempt, worker: options.workerId }
  const started = performance.now()
  let outcome: Outcome
  try {
    await handler(job, deps)
    outcome = { state: 'done' }
  } catch (error) {
    const retry = error instanceof RetryLater ? error.options : {}
    outcome = {
      state: error instanceof GiveUp || job.isLastAttempt ? 'failed' : 'queued',
      error: shortError(error),
      runAt: retry.at,
      delaySeconds: (options.backoff ?? backoffSeconds)(job.attempt),
      payload: retry.payload,
    }
  }
  try {
    const held = await settle(deps.db, job, outcome)
    const ms = Math.round(performance.now() - started)
    const event = { done: 'jobs.done', queued: 'jobs.retry', failed: 'jobs.failed' }[outcome.state]
    const level = outcome.state === 'done' ? 'info' : outcome.state === 'queued' ? 'warn' : 'error'
    deps.log[level](event, {
      ...fields,
      ms,
      reason: 'error' in outcome ? outcome.error : undefined,
      lease_lost: !held,
    })
  } catch (error) {
    // The lease runs out and another run takes the job again: at least once.
    deps.log.error('jobs.settle_failed', { ...fields, reason: shortError(error) })
  }
  return outcome.state === 'done'
}

type Outcome =
  | { state: 'done' }
  | {
    state: 'queued' | 'failed'
    error: string
    runAt?: Date
    delaySeconds: number
    payload?: unknown
  }

/**
 * Records a run's outcome, only while this worker still holds the job: when the lease ran out and another
 * worker took it (attempts moved on), that worker's outcome is the one that counts. False then.
 */
async function settle(db: Db, job: Job, outcome: Outcome): Promise<boolean> {
  const rows = await db.asService((tx) => {
    const changes = outcome.state === 'done'
      ? tx`state = 'done', finished_at = now(), last_error = null`
      : outcome.state === 'failed'
      ? tx`state = 'failed', finished_at = now(), last_error = ${outcome.error}`
      : tx`state = 'queued', last_error = ${outcome.error}, next_run_at = coalesce(
          ${outcome.runAt ?? null}::timestamptz, now() + make_interval(secs => ${outcome.delaySeconds}))`
    const payload = outcome.state !== 'done' && outcome.payload !== undefined
      ? tx`, payload = ${tx.json(outcome.payload as never)}`
      : tx``
    return tx`
      update public.jobs set ${changes}, locked_until = null ${payload}
      where id = ${job.id} and state = 'running' and attempts = ${job.attempt}
      returning id`
  })
  return rows.length === 1
}

/**
 * What `last_error` and the logs keep of a failure: its name and first line, without any URL's query (a
 * presigned recording URL carries its signature there), at most 300 characters. Never a secret: handlers
 * throw messages of their own, and the libraries' messages carry no credential once URLs are cut.
 */
export function shortError(error: unknown): string {
  const text = error instanceof GiveUp || error instanceof RetryLater
    ? error.message
    : error instanceof Error
    ? `${error.name}: ${error.message}`
    : 'Unknown error'
  const line = text.split('\n')[0].replace(/(https?:\/\/[^\s?#"']+)[?#][^\s"')]*/g, '$1')
  return line.length > 300 ? `${line.slice(0, 299)}…` : line
}

/** Deletes done jobs after a day and failed ones after 30 days, a batch at a time. Returns how many. */
export async function pruneJobs(db: Db, batch = 1000): Promise<number> {
  const rows = await db.asService((tx) =>
    tx`
      delete from public.jobs where id in (
        select id from public.jobs
        where (state = 'done' and finished_at < now() - interval '1 day')
          or (state = 'failed' and finished_at < now() - interval '30 days')
        limit ${batch})
      returning id`
  )
  return rows.length
}

/** How many jobs of these kinds are due now (what a run left for the next one). */
export async function dueJobCount(db: Db, kinds: string[]): Promise<number> {
  if (kinds.length === 0) return 0
  const [row] = await db.asService((tx) =>
    tx<{ n: number }[]>`
      select count(*)::int as n from public.jobs
      where kind in ${tx(kinds)}
        and ((state = 'queued' and next_run_at <= now()) or (state = 'running' and locked_until < now()))`
  )
  return row.n
}
