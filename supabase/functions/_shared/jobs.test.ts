/**
 * The queue against the real database: each due job runs once however many workers claim side by side, a
 * failure comes back after its backoff and fails for good after max_attempts (or at once when the handler
 * gives up), a dead worker's job comes back when its lease runs out, dedupe keys, pruning.
 */
import assert from 'node:assert/strict'
import { type CoreDeps, createCoreDeps } from './deps.ts'
import {
  enqueueJob,
  type EnqueueOptions,
  GiveUp,
  type Job,
  type JobHandlers,
  pruneJobs,
  RetryLater,
  runDueJobs,
  shortError,
} from './jobs.ts'
import { createLogger } from './log.ts'
import { ownerWithTenant, testEnv } from './testing.ts'

interface JobRow {
  state: string
  attempts: number
  last_error: string | null
  payload: unknown
  next_run_at: Date
  finished_at: Date | null
  locked_until: Date | null
  due_in_s: number
}

/** Core deps whose log lines are kept for assertions instead of printed. */
function quietDeps(): CoreDeps & { lines: string[] } {
  const lines: string[] = []
  return { ...createCoreDeps(testEnv()), log: createLogger((_, line) => lines.push(line)), lines }
}

async function withQueue(body: (deps: CoreDeps & { lines: string[] }, tenant: string) => Promise<void>) {
  const deps = quietDeps()
  try {
    const { tenant } = await ownerWithTenant(deps)
    await body(deps, tenant.id)
  } finally {
    await deps.db.end()
  }
}

/** A `push.receipts` job of the tenant (the kind is only a label here: the tests bring their handlers). */
async function enqueue(
  deps: CoreDeps,
  tenant: string,
  options: Partial<EnqueueOptions<'push.receipts'>> = {},
): Promise<string> {
  const id = await deps.db.asService((tx) =>
    enqueueJob(tx, { kind: 'push.receipts', tenantId: tenant, payload: { tickets: [] }, ...options })
  )
  assert.ok(id, 'enqueued')
  return id
}

async function job(deps: CoreDeps, id: string): Promise<JobRow> {
  const [row] = await deps.db.asService((tx) =>
    tx<JobRow[]>`
      select state, attempts, last_error, payload, next_run_at, finished_at, locked_until,
        extract(epoch from next_run_at - now())::float8 as due_in_s
      from public.jobs where id = ${id}`
  )
  return row
}

/** Moves a queued job's next run to now, as time passing would. */
async function makeDue(deps: CoreDeps, id: string): Promise<void> {
  await deps.db.asService((tx) => tx`update public.jobs set next_run_at = now() where id = ${id}`)
}

function handlers(
  run: (job: Job<'push.receipts'>) => Promise<void>,
): JobHandlers<CoreDeps> {
  return { 'push.receipts': (job) => run(job) }
}

Deno.test('queue: two workers side by side run each due job exactly once', async () => {
  await withQueue(async (deps, tenant) => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => enqueue(deps, tenant)))
    const runs: string[] = []
    const work = handlers(async (job) => {
      runs.push(job.id)
      await new Promise((resolve) => setTimeout(resolve, 20))
    })
    const options = { handlers: work, limit: 6, tenantId: tenant }
    const [a, b] = await Promise.all([
      runDueJobs(deps, { ...options, workerId: 'a' }),
      runDueJobs(deps, { ...options, workerId: 'b' }),
    ])
    const more = await runDueJobs(deps, { ...options, workerId: 'c' })
    assert.equal(a.ran + b.ran, 12)
    assert.equal(more.ran, 0)
    assert.deepEqual([...runs].sort(), [...ids].sort(), 'every job ran once')
    for (const id of ids) {
      const row = await job(deps, id)
      assert.equal(row.state, 'done')
      assert.equal(row.attempts, 1)
      assert.ok(row.finished_at)
    }
  })
})

Deno.test('queue: a failure is retried after an exponential backoff, then succeeds', async () => {
  await withQueue(async (deps, tenant) => {
    const id = await enqueue(deps, tenant)
    let calls = 0
    const work = handlers((job) => {
      calls++
      if (job.attempt === 1) {
        return Promise.reject(new TypeError('fetch failed for https://storage.example/rec.wav?X-Sig=secret'))
      }
      return Promise.resolve()
    })
    const first = await runDueJobs(deps, { handlers: work, limit: 5, workerId: 'w', tenantId: tenant })
    assert.deepEqual(first, { ran: 1, succeeded: 0, failed: 1 })
    let row = await job(deps, id)
    assert.equal(row.state, 'queued')
    assert.equal(row.attempts, 1)
    assert.equal(row.last_error, 'TypeError: fetch failed for https://storage.example/rec.wav')
    assert.ok(row.due_in_s > 10 && row.due_in_s <= 30, `first retry after 15–30 s, got ${row.due_in_s}`)
    assert.equal(row.locked_until, null)

    const early = await runDueJobs(deps, { handlers: work, limit: 5, workerId: 'w', tenantId: tenant })
    assert.equal(early.ran, 0, 'not before its time')

    await makeDue(deps, id)
    const second = await runDueJobs(deps, { handlers: work, limit: 5, workerId: 'w', tenantId: tenant })
    assert.deepEqual(second, { ran: 1, succeeded: 1, failed: 0 })
    row = await job(deps, id)
    assert.equal(row.state, 'done')
    assert.equal(row.attempts, 2)
    assert.equal(row.last_error, null)
    assert.equal(calls, 2)
  })
})

Deno.test('queue: the backoff doubles per attempt, capped, and fails for good after max_attempts', async () => {
  await withQueue(async (deps, tenant) => {
    const id = await enqueue(deps, tenant, { maxAttempts: 3 })
    const seen: boolean[] = []
    const work = handlers((job) => {
      seen.push(job.isLastAttempt)
      return Promise.reject(new Error('Vapi answered 502'))
    })
    const delays: number[] = []
    for (let i = 0; i < 3; i++) {
      await runDueJobs(deps, { handlers: work, limit: 1, workerId: 'w', tenantId: tenant })
      const row = await job(deps, id)
      if (row.state === 'queued') {
        delays.push(row.due_in_s)
        await makeDue(deps, id)
      }
    }
    assert.deepEqual(seen, [false, false, true])
    assert.ok(delays[0] > 10 && delays[0] <= 30 && delays[1] > 25 && delays[1] <= 60, `${delays}`)
    const row = await job(deps, id)
    assert.equal(row.state, 'failed')
    assert.equal(row.attempts, 3)
    assert.equal(row.last_error, 'Error: Vapi answered 502')
    assert.ok(row.finished_at)
    assert.equal(
      (await runDueJobs(deps, { handlers: work, limit: 1, workerId: 'w', tenantId: tenant })).ran,
      0,
    )
  })
})

Deno.test('queue: GiveUp fails the job at once with its reason', async () => {
  await withQueue(async (deps, tenant) => {
    const id = await enqueue(deps, tenant)
    const work = handlers(() => Promise.reject(new GiveUp('The recording expired at Vapi')))
    await runDueJobs(deps, { handlers: work, limit: 1, workerId: 'w', tenantId: tenant })
    const row = await job(deps, id)
    assert.equal(row.state, 'failed')
    assert.equal(row.attempts, 1)
    assert.equal(row.last_error, 'The recording expired at Vapi')
    assert.ok(deps.lines.some((line) => line.includes('"event":"jobs.failed"')))
  })
})

Deno.test('queue: RetryLater names the next run and what is left to do', async () => {
  await withQueue(async (deps, tenant) => {
    const id = await enqueue(deps, tenant, { payload: { tickets: [{ id: 'a', token: 't' }] } })
    const at = new Date(Date.now() + 3600_000)
    const work = handlers(() =>
      Promise.reject(
        new RetryLater<'push.receipts'>('2 receipts not ready', { at, payload: { tickets: [] } }),
      )
    )
    await runDueJobs(deps, { handlers: work, limit: 1, workerId: 'w', tenantId: tenant })
    const row = await job(deps, id)
    assert.equal(row.state, 'queued')
    assert.equal(row.last_error, '2 receipts not ready')
    assert.deepEqual(row.payload, { tickets: [] })
    assert.equal(row.next_run_at.getTime(), at.getTime())
  })
})

Deno.test('queue: a dead worker’s job comes back when its lease runs out; its late outcome is ignored', async () => {
  await withQueue(async (deps, tenant) => {
    const id = await enqueue(deps, tenant)
    let release!: () => void
    const stuck = new Promise<void>((resolve) => release = resolve)
    const attempts: number[] = []
    const hanging = handlers(async (job) => {
      attempts.push(job.attempt)
      await stuck
      throw new Error('too late to matter')
    })
    const first = runDueJobs(deps, {
      handlers: hanging,
      limit: 1,
      workerId: 'dying',
      tenantId: tenant,
      leaseSeconds: 1,
    })
    while (attempts.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    assert.equal((await job(deps, id)).state, 'running')
    const healthy = handlers((job) => {
      attempts.push(job.attempt)
      return Promise.resolve()
    })
    assert.equal(
      (await runDueJobs(deps, { handlers: healthy, limit: 1, workerId: 'other', tenantId: tenant })).ran,
      0,
      'the lease still holds',
    )
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const second = await runDueJobs(deps, {
      handlers: healthy,
      limit: 1,
      workerId: 'other',
      tenantId: tenant,
    })
    assert.deepEqual(second, { ran: 1, succeeded: 1, failed: 0 })
    release()
    await first
    const row = await job(deps, id)
    assert.equal(row.state, 'done', 'the first worker’s failure came too late')
    assert.equal(row.attempts, 2)
    assert.deepEqual(attempts, [1, 2])
    assert.ok(deps.lines.some((line) => line.includes('"lease_lost":true')))
  })
})

Deno.test('queue: a job whose worker died on its last attempt fails', async () => {
  await withQueue(async (deps, tenant) => {
    const id = await enqueue(deps, tenant, { maxAttempts: 1 })
    await deps.db.asService((tx) =>
      tx`update public.jobs set state = 'running', attempts = 1, locked_until = now() - interval '1 second'
         where id = ${id}`
    )
    const work = handlers(() => Promise.resolve())
    assert.equal(
      (await runDueJobs(deps, { handlers: work, limit: 1, workerId: 'w', tenantId: tenant })).ran,
      0,
    )
    const row = await job(deps, id)
    assert.equal(row.state, 'failed')
    assert.match(row.last_error ?? '', /worker/)
  })
})

Deno.test('queue: a dedupe key holds while the job is pending, not after', async () => {
  await withQueue(async (deps, tenant) => {
    const key = `test:${crypto.randomUUID()}`
    const first = await enqueue(deps, tenant, { dedupeKey: key })
    const again = await deps.db.asService((tx) =>
      enqueueJob(tx, { kind: 'push.receipts', tenantId: tenant, payload: { tickets: [] }, dedupeKey: key })
    )
    assert.equal(again, null, 'pending: a no-op')
    await runDueJobs(deps, {
      handlers: handlers(() => Promise.resolve()),
      limit: 5,
      workerId: 'w',
      tenantId: tenant,
    })
    const later = await enqueue(deps, tenant, { dedupeKey: key })
    assert.notEqual(later, first, 'done: the same work may be asked again')
  })
})

Deno.test('queue: a worker claims only the kinds it has a handler for', async () => {
  await withQueue(async (deps, tenant) => {
    const other = await deps.db.asService((tx) =>
      enqueueJob(tx, { kind: 'calls.retention', tenantId: tenant, payload: {} })
    )
    await enqueue(deps, tenant)
    const result = await runDueJobs(deps, {
      handlers: handlers(() => Promise.resolve()),
      limit: 5,
      workerId: 'w',
      tenantId: tenant,
    })
    assert.equal(result.ran, 1)
    assert.equal((await job(deps, other!)).state, 'queued')
  })
})

Deno.test('queue: old done and failed jobs are pruned, recent ones kept', async () => {
  await withQueue(async (deps, tenant) => {
    const old = await enqueue(deps, tenant)
    const oldFailed = await enqueue(deps, tenant)
    const recentFailed = await enqueue(deps, tenant)
    const recent = await enqueue(deps, tenant)
    await deps.db.asService(async (tx) => {
      await tx`update public.jobs set state = 'done', finished_at = now() - interval '2 days' where id = ${old}`
      await tx`update public.jobs set state = 'failed', finished_at = now() - interval '31 days'
               where id = ${oldFailed}`
      await tx`update public.jobs set state = 'failed', finished_at = now() - interval '2 days'
               where id = ${recentFailed}`
      await tx`update public.jobs set state = 'done', finished_at = now() where id = ${recent}`
    })
    while (await pruneJobs(deps.db) > 0) { /* a batch at a time */ }
    assert.equal(await job(deps, old), undefined)
    assert.equal(await job(deps, oldFailed), undefined)
    assert.equal((await job(deps, recentFailed)).state, 'failed')
    assert.equal((await job(deps, recent)).state, 'done')
  })
})

Deno.test('shortError: no query string, no second line, bounded', () => {
  assert.equal(
    shortError(new Error('GET https://a.example/x.wav?token=s3cret failed\nstack')),
    'Error: GET https://a.example/x.wav failed',
  )
  assert.equal(shortError('thrown text'), 'Unknown error')
  assert.equal(shortError(new Error('x'.repeat(500))).length, 300)
})
