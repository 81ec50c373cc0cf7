/**
 * One run of the worker: schedule the periodic jobs, prune old ones, then claim and run due jobs a few at a
 * time until none is due or the time budget is spent. The budget keeps a run well inside an edge function's
 * wall-clock limit; a job that outlives it keeps its lease and finishes, and the next run (a minute later)
 * takes what is left.
 */
import type { JobsRun } from '../../../shared/contracts/jobs.ts'
import { dueJobCount, pruneJobs, runDueJobs } from '../_shared/jobs.ts'
import type { JobsDeps } from './deps.ts'
import { JOB_HANDLERS } from './registry.ts'
import { schedulePeriodicJobs } from './schedule.ts'

/** Jobs claimed together, run side by side. */
const BATCH = 5

export async function runJobs(deps: JobsDeps): Promise<JobsRun> {
  const started = performance.now()
  const budgetMs = deps.jobs.JOBS_RUN_BUDGET_S * 1000
  const workerId = `jobs-${crypto.randomUUID().slice(0, 8)}`
  await schedulePeriodicJobs(deps.db)
  await pruneJobs(deps.db)
  const total = { ran: 0, succeeded: 0, failed: 0 }
  while (performance.now() - started < budgetMs) {
    const batch = await runDueJobs(deps, { handlers: JOB_HANDLERS, limit: BATCH, workerId })
    total.ran += batch.ran
    total.succeeded += batch.succeeded
    total.failed += batch.failed
    if (batch.ran === 0) break
  }
  return { ...total, remaining: await dueJobCount(deps.db, Object.keys(JOB_HANDLERS)) }
}
