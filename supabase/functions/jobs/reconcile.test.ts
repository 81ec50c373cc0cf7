/**
 * `calls.reconcile` against the Vapi sandbox: calls whose report never reached us (the assistant has no
 * server URL in Vapi, as if every delivery failed) are completed from `GET /call` — recording copy, in-app
 * notification and push following — once and only for this tenant's assistants; a call stuck live in our
 * table that Vapi does not know is closed as `unknown`.
 */
import assert from 'node:assert/strict'
import { enqueueJob } from '../_shared/jobs.ts'
import type { JobsDeps } from './deps.ts'
import { jobsOf, playEndedCall, runTenantJobs, silentVoiceTenant, withJobsDeps } from './test-kit.ts'

const HOUR = 3_600_000

interface CallRow {
  id: string
  status: string
  report_at: Date | null
  summary: string | null
  ended_reason: string | null
  ended_at: Date | null
  recording_state: string
  assistant_id: string | null
}

async function callOf(deps: JobsDeps, tenant: string, vapiCallId: string): Promise<CallRow | undefined> {
  const [row] = await deps.db.asService((tx) =>
    tx<CallRow[]>`
      select id, status, report_at, summary, ended_reason, ended_at, recording_state, assistant_id
      from public.calls where tenant_id = ${tenant} and vapi_call_id = ${vapiCallId}`
  )
  return row
}

async function reconcile(deps: JobsDeps, tenant: string): Promise<void> {
  await deps.db.asService((tx) => enqueueJob(tx, { kind: 'calls.reconcile', tenantId: tenant, payload: {} }))
  await runTenantJobs(deps, tenant, ['calls.reconcile'])
}

Deno.test('reconcile: a call whose report never came is completed from Vapi, once', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, key, vapi, assistantId, vapiAssistantId } = await silentVoiceTenant(deps)
    const at = new Date(Date.now() - HOUR).toISOString()
    const missed = await playEndedCall(key, { assistantId: vapiAssistantId, at })
    // A call of the organisation that is none of ours (an assistant made in Vapi's dashboard).
    const foreign = await vapi.assistants.create({ name: 'Not ours' })
    const theirs = await playEndedCall(key, { assistantId: foreign.id, at })
    // Ended a minute ago: its report may still be on its way.
    const fresh = await playEndedCall(key, { assistantId: vapiAssistantId, at: new Date().toISOString() })
    assert.equal(await callOf(deps, tenant.id, missed.id), undefined, 'nothing was delivered')

    await reconcile(deps, tenant.id)
    const [job] = await jobsOf(deps, tenant.id, 'calls.reconcile')
    assert.equal(job.state, 'done', job.last_error ?? '')
    const call = await callOf(deps, tenant.id, missed.id)
    assert.ok(call, 'the call is recorded')
    assert.equal(call.status, 'ended')
    assert.ok(call.report_at, 'with its report')
    assert.equal(call.assistant_id, assistantId)
    assert.ok(call.summary)
    assert.equal(call.recording_state, 'pending')
    assert.equal((await jobsOf(deps, tenant.id, 'recording.copy')).length, 1, 'the recording copy follows')
    assert.equal((await jobsOf(deps, tenant.id, 'push.call')).length, 1, 'and the push')
    const [{ notified }] = await deps.db.asService((tx) =>
      tx<
        { notified: number }[]
      >`select count(*)::int as notified from public.notifications where call_id = ${call.id}`
    )
    assert.equal(notified, 1, 'and the owner’s notification')
    assert.equal(await callOf(deps, tenant.id, theirs.id), undefined, 'another assistant’s call is not ours')
    assert.equal(
      await callOf(deps, tenant.id, fresh.id),
      undefined,
      'within the grace period: left to the webhook',
    )

    await reconcile(deps, tenant.id)
    assert.equal((await jobsOf(deps, tenant.id, 'push.call')).length, 1, 'a second run changes nothing')
    assert.equal((await callOf(deps, tenant.id, missed.id))?.report_at?.getTime(), call.report_at.getTime())
  })
})

Deno.test('reconcile: a call we saw start but never end is completed, or closed when Vapi lost it', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, key, vapiAssistantId } = await silentVoiceTenant(deps)
    const longAgo = new Date(Date.now() - 8 * HOUR).toISOString()
    // Outside the listing's window: only the stuck-call check finds it.
    const ended = await playEndedCall(key, { assistantId: vapiAssistantId, at: longAgo })
    const lost = crypto.randomUUID()
    await deps.db.asService((tx) =>
      tx`insert into public.calls (tenant_id, vapi_call_id, status, started_at) values
           (${tenant.id}, ${ended.id}, 'in-progress', ${longAgo}),
           (${tenant.id}, ${lost}, 'ringing', ${longAgo}),
           (${tenant.id}, ${crypto.randomUUID()}, 'in-progress', now() - interval '30 minutes')`
    )
    await reconcile(deps, tenant.id)

    const completed = await callOf(deps, tenant.id, ended.id)
    assert.equal(completed?.status, 'ended')
    assert.ok(completed?.report_at, 'Vapi knew it ended: completed with its report')
    const closed = await callOf(deps, tenant.id, lost)
    assert.equal(closed?.status, 'ended')
    assert.equal(closed?.ended_reason, 'unknown', 'Vapi does not know it: closed as unknown')
    assert.equal(closed?.report_at, null)
    assert.equal((await jobsOf(deps, tenant.id, 'push.call')).length, 1, 'only the completed call is pushed')
    const [{ live }] = await deps.db.asService((tx) =>
      tx<{ live: number }[]>`
        select count(*)::int as live from public.calls where tenant_id = ${tenant.id} and status <> 'ended'`
    )
    assert.equal(live, 1, 'a call of 30 minutes is not stuck')
  })
})

Deno.test('reconcile: a tenant without a Vapi key has nothing to reconcile', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant } = await silentVoiceTenant(deps)
    await deps.db.asService((tx) =>
      tx`delete from public.provider_credentials where tenant_id = ${tenant.id} and provider = 'vapi'`
    )
    await reconcile(deps, tenant.id)
    assert.equal((await jobsOf(deps, tenant.id, 'calls.reconcile'))[0].state, 'done')
  })
})
