/**
 * The `jobs` function: the background worker's trigger. A scheduler (pg_cron on Supabase, a timer in the
 * local stack) calls `POST /jobs/run` every minute with the shared secret `JOBS_SECRET`; each call schedules
 * the periodic jobs and runs due ones for a bounded time (docs/architecture.md#jobs).
 */
import { z } from 'zod'
import { defineContract } from './route.ts'

export const JobsRun = z.object({
  ran: z.number().int().min(0).describe('Jobs run by this call'),
  succeeded: z.number().int().min(0).describe('Of those, how many succeeded'),
  failed: z.number().int().min(0).describe('Of those, how many failed: to be retried, or failed for good'),
  remaining: z.number().int().min(0).describe('Jobs still due when the call ended (left for the next one)'),
})
export type JobsRun = z.infer<typeof JobsRun>

export const jobsContract = defineContract({
  name: 'jobs',
  summary: 'The background worker: runs due jobs (recordings, push, reconciliation, retention)',
  routes: {
    run: {
      method: 'POST',
      path: '/run',
      summary: 'Schedule the periodic jobs and run due jobs for a while',
      description:
        'Called by the scheduler, not by users: `Authorization: Bearer <JOBS_SECRET>`. Enqueues the periodic ' +
        'jobs (reconciliation every 5 minutes per tenant with a Vapi key, retention hourly per tenant with ' +
        'one; idempotent), then runs due jobs for up to about 20 seconds. Any body is ignored.',
      access: 'provider-signed',
      response: JobsRun,
      problems: [
        {
          status: 401,
          code: 'jobs_unauthorized',
          description: 'The `Authorization` header does not carry the jobs secret',
        },
      ],
    },
  },
})
