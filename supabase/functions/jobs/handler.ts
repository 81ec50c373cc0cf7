/**
 * The background worker: `POST /jobs/run`, called every minute by pg_cron on Supabase and every few seconds
 * by the local stack's timer, with the shared secret. Each call schedules the periodic jobs, prunes old ones
 * and runs due jobs for a bounded time (run.ts); the job kinds are in registry.ts.
 */
import { jobsContract } from '../../../shared/contracts/jobs.ts'
import { defineFunction } from '../_shared/function.ts'
import { jobsDeps } from './deps.ts'
import { runJobs } from './run.ts'
import { requireJobsSecret } from './secret.ts'

export default defineFunction({
  contract: jobsContract,
  deps: jobsDeps,
  operations: {
    async run({ request, deps }) {
      await requireJobsSecret(request.headers.get('authorization'), deps.jobs.JOBS_SECRET)
      return await runJobs(deps)
    },
  },
})
