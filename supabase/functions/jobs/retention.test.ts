/**
 * `calls.retention` and `vapi.delete_calls` against the real database, recording store and Vapi sandbox:
 * old calls and recordings go, newer ones stay, and Vapi's copies of the deleted calls are deleted there too —
 * a call Vapi cannot delete yet being kept in the job for its retry.
 */
import assert from 'node:assert/strict'
import { enqueueJob } from '../_shared/jobs.ts'
import { recordingPath } from '../_shared/storage.ts'
import type { JobsDeps } from './deps.ts'
import { playCall, waitForCall } from '../../../scripts/sandbox/vapi.ts'
import {
  jobsOf,
  makeDue,
  playEndedCall,
  runTenantJobs,
  silentVoiceTenant,
  vapiBase,
  withJobsDeps,
} from './test-kit.ts'

const DAY = 86_400_000

interface StoredCall {
  id: string
  vapiId: string
  path: string
}

/** A call of `daysAgo` with a stored recording (in the store), played in Vapi so that Vapi knows it. */
async function oldCall(deps: JobsDeps, tenant: string, key: string, assistant: string, daysAgo: number) {
  const at = new Date(Date.now() - daysAgo * DAY).toISOString()
  const vapiCall = await playEndedCall(key, { assistantId: assistant, at })
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.calls (tenant_id, vapi_call_id, status, started_at, ended_at, report_at)
      values (${tenant}, ${vapiCall.id}, 'ended', ${at}, ${at}, now()) returning id`
  )
  const path = recordingPath(tenant, row.id, 'wav')
  await deps.store.put(path, new TextEncoder().encode(`RIFF ${daysAgo}`), 'audio/wav')
  await deps.db.asService((tx) =>
    tx`update public.calls set recording_state = 'stored', recording_path = ${path},
         recording_content_type = 'audio/wav' where id = ${row.id}`
  )
  return { id: row.id, vapiId: vapiCall.id, path } satisfies StoredCall
}

async function callRow(deps: JobsDeps, id: string) {
  const [row] = await deps.db.asService((tx) =>
    tx<{ recording_state: string; recording_path: string | null }[]>`
      select recording_state, recording_path from public.calls where id = ${id}`
  )
  return row
}

async function vapiStatus(key: string, id: string): Promise<number> {
  const res = await fetch(`${vapiBase()}/call/${id}`, {
    headers: { authorization: `Bearer ${key}` },
  })
  await res.body?.cancel()
  return res.status
}

Deno.test('retention: old calls and recordings are deleted, newer ones kept, Vapi’s copies deleted', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, key, vapiAssistantId } = await silentVoiceTenant(deps)
    const old = await oldCall(deps, tenant.id, key, vapiAssistantId, 40)
    const middle = await oldCall(deps, tenant.id, key, vapiAssistantId, 10)
    const recent = await oldCall(deps, tenant.id, key, vapiAssistantId, 1)
    await deps.db.asService(async (tx) => {
      await tx`insert into public.call_events (tenant_id, call_id, type, delivery_key, payload)
               values (${tenant.id}, ${old.id}, 'end-of-call-report', 'k1', '{}')`
      await tx`insert into public.call_retention (tenant_id, calls_days, recordings_days)
               values (${tenant.id}, 30, 7)`
      await enqueueJob(tx, { kind: 'calls.retention', tenantId: tenant.id, payload: {} })
    })

    await runTenantJobs(deps, tenant.id, ['calls.retention'])
    assert.equal(await callRow(deps, old.id), undefined, 'the 40-day-old call is gone')
    const [{ events }] = await deps.db.asService((tx) =>
      tx<
        { events: number }[]
      >`select count(*)::int as events from public.call_events where call_id = ${old.id}`
    )
    assert.equal(events, 0, 'with its events')
    assert.equal(await deps.store.read(old.path), null, 'and its recording')

    assert.deepEqual(await callRow(deps, middle.id), { recording_state: 'deleted', recording_path: null })
    assert.equal(await deps.store.read(middle.path), null, 'a 10-day-old recording is gone, its call kept')

    assert.deepEqual(await callRow(deps, recent.id), {
      recording_state: 'stored',
      recording_path: recent.path,
    })
    assert.ok(await deps.store.read(recent.path), 'yesterday’s recording is kept')

    const [vapiJob] = await jobsOf(deps, tenant.id, 'vapi.delete_calls')
    assert.deepEqual(vapiJob.payload, { vapi_call_ids: [old.vapiId] })
    await runTenantJobs(deps, tenant.id, ['vapi.delete_calls'])
    assert.equal((await jobsOf(deps, tenant.id, 'vapi.delete_calls'))[0].state, 'done')
    assert.equal(await vapiStatus(key, old.vapiId), 404, 'deleted in Vapi')
    assert.equal(await vapiStatus(key, middle.vapiId), 200, 'the kept calls stay in Vapi')
  })
})

Deno.test('retention: without a Vapi key, nothing is queued for Vapi; without a retention, nothing goes', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, key, vapiAssistantId } = await silentVoiceTenant(deps)
    const old = await oldCall(deps, tenant.id, key, vapiAssistantId, 400)
    await deps.db.asService((tx) =>
      tx`insert into public.call_retention (tenant_id, calls_days) values (${tenant.id}, null)`
    )
    await deps.db.asService((tx) =>
      enqueueJob(tx, { kind: 'calls.retention', tenantId: tenant.id, payload: {} })
    )
    await runTenantJobs(deps, tenant.id, ['calls.retention'])
    assert.ok(await callRow(deps, old.id), 'kept forever')

    await deps.db.asService(async (tx) => {
      await tx`update public.call_retention set calls_days = 365 where tenant_id = ${tenant.id}`
      await tx`delete from public.provider_credentials where tenant_id = ${tenant.id} and provider = 'vapi'`
      await enqueueJob(tx, { kind: 'calls.retention', tenantId: tenant.id, payload: {} })
    })
    await runTenantJobs(deps, tenant.id, ['calls.retention'])
    assert.equal(await callRow(deps, old.id), undefined)
    assert.equal(
      await deps.store.read(old.path),
      null,
      'calls_days alone takes the recordings with the calls',
    )
    assert.deepEqual(await jobsOf(deps, tenant.id, 'vapi.delete_calls'), [])
  })
})

Deno.test('vapi.delete_calls: a call Vapi cannot delete yet stays in the job and is retried', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, key, vapiAssistantId } = await silentVoiceTenant(deps)
    const ended = await playEndedCall(key, {
      assistantId: vapiAssistantId,
      at: new Date(Date.now() - DAY).toISOString(),
    })
    // Still being played (turns take real time in the stack's sandbox): Vapi refuses to delete a live call.
    const { call: live } = await playCall(vapiBase(), key, {
      web: true,
      assistantId: vapiAssistantId,
      script: [{ role: 'user', text: 'Hello' }, { role: 'user', text: 'I would like an appointment' }],
    })
    const gone = crypto.randomUUID()
    await deps.db.asService((tx) =>
      enqueueJob(tx, {
        kind: 'vapi.delete_calls',
        tenantId: tenant.id,
        payload: { vapi_call_ids: [ended.id, live.id, gone] },
      })
    )
    await runTenantJobs(deps, tenant.id, ['vapi.delete_calls'])
    let [job] = await jobsOf(deps, tenant.id, 'vapi.delete_calls')
    assert.equal(job.state, 'queued')
    assert.deepEqual(job.payload, { vapi_call_ids: [live.id] }, 'only the live call is left; 404 is done')
    assert.match(job.last_error ?? '', /1 call\(s\) not deleted in Vapi: Vapi answered 400/)
    assert.equal(await vapiStatus(key, ended.id), 404)

    await waitForCall(vapiBase(), key, live.id)
    await makeDue(deps, tenant.id)
    await runTenantJobs(deps, tenant.id, ['vapi.delete_calls'])
    ;[job] = await jobsOf(deps, tenant.id, 'vapi.delete_calls')
    assert.equal(job.state, 'done')
    assert.equal(await vapiStatus(key, live.id), 404)
  })
})

Deno.test('vapi.delete_calls: a tenant without a Vapi key fails the job with the reason', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant } = await silentVoiceTenant(deps)
    await deps.db.asService(async (tx) => {
      await tx`delete from public.provider_credentials where tenant_id = ${tenant.id} and provider = 'vapi'`
      await enqueueJob(tx, {
        kind: 'vapi.delete_calls',
        tenantId: tenant.id,
        payload: { vapi_call_ids: ['x'] },
      })
    })
    await runTenantJobs(deps, tenant.id, ['vapi.delete_calls'])
    const [job] = await jobsOf(deps, tenant.id, 'vapi.delete_calls')
    assert.equal(job.state, 'failed')
    assert.match(job.last_error ?? '', /no Vapi key/)
  })
})
