/**
 * The jobs function: only the scheduler's secret opens it (through the stack's gateway, as pg_cron calls
 * it), a run answers its counts, and the periodic jobs are scheduled once per tenant however often it runs.
 */
import assert from 'node:assert/strict'
import {
  call,
  expectProblem,
  ownerWithTenant,
  supabaseUrl,
  testEnv,
  voiceTenant,
} from '../_shared/testing.ts'
import jobs from './handler.ts'
import { schedulePeriodicJobs } from './schedule.ts'
import { jobsOf, withJobsDeps } from './test-kit.ts'

const RUN = '/jobs/run'

function runThroughGateway(authorization?: string): Promise<Response> {
  return fetch(`${supabaseUrl()}/functions/v1/jobs/run`, {
    method: 'POST',
    headers: authorization ? { authorization } : {},
  })
}

Deno.test('jobs: 401 jobs_unauthorized without the secret or with a wrong one', async () => {
  const secret = testEnv().JOBS_SECRET!
  for (
    const authorization of [
      undefined,
      'Bearer wrong-secret',
      `Basic ${secret}`,
      `Bearer ${secret}x`,
      'Bearer ',
    ]
  ) {
    const res = await runThroughGateway(authorization)
    const body = await res.json()
    assert.equal(res.status, 401, `${authorization}: ${JSON.stringify(body)}`)
    assert.equal(body.code, 'jobs_unauthorized')
    assert.equal(res.headers.get('content-type'), 'application/problem+json')
  }
})

Deno.test('jobs: a run with the secret answers its counts', async () => {
  // A short budget: other tests' jobs may be due too, and this run would take them on.
  await withJobsDeps(async (deps) => {
    const handler = jobs.createHandler(deps)
    await expectProblem(
      handler,
      'POST',
      RUN,
      { headers: { authorization: 'Bearer nope' } },
      401,
      'jobs_unauthorized',
    )
    const res = await call(handler, 'POST', RUN, {
      headers: { authorization: `Bearer ${deps.jobs.JOBS_SECRET}` },
    })
    assert.equal(res.status, 200, res.text)
    const { ran, succeeded, failed, remaining } = res.body as Record<string, number>
    assert.equal(ran, succeeded + failed)
    assert.ok(remaining >= 0)
  }, { JOBS_RUN_BUDGET_S: '1' })
})

Deno.test('jobs: the periodic jobs are scheduled once per tenant, due at its next slot', async () => {
  await withJobsDeps(async (deps) => {
    const voice = await voiceTenant(deps)
    const plain = await ownerWithTenant(deps)
    await deps.db.asService((tx) =>
      tx`insert into public.call_retention (tenant_id, calls_days) values (${plain.tenant.id}, 30)`
    )
    await schedulePeriodicJobs(deps.db)
    await schedulePeriodicJobs(deps.db)

    const reconcile = await jobsOf(deps, voice.tenant.id, 'calls.reconcile')
    assert.equal(reconcile.length, 1, 'a tenant with a Vapi key is reconciled')
    const due = reconcile[0].next_run_at.getTime() - Date.now()
    assert.ok(due > 0 && due <= 300_000, `within the next 5 minutes: ${due}`)
    assert.equal((await jobsOf(deps, plain.tenant.id, 'calls.reconcile')).length, 0, 'no key, nothing to ask')

    const retention = await jobsOf(deps, plain.tenant.id, 'calls.retention')
    assert.equal(retention.length, 1, 'a tenant with a retention has it applied')
    assert.ok(retention[0].next_run_at.getTime() - Date.now() <= 3_600_000)
    assert.equal(
      (await jobsOf(deps, voice.tenant.id, 'calls.retention')).length,
      0,
      'no retention, kept forever',
    )
  })
})
