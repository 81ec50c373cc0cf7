/**
 * `recording.copy` with the real store (local disk behind the gateway under `npm test`) and recordings served
 * by the Vapi sandbox or by a host of the test's own: stored and served back, a host failing once then
 * answering, a presigned URL that expired (a fresh one from Vapi), and a recording gone for good.
 */
import assert from 'node:assert/strict'
import { enqueueJob } from '../_shared/jobs.ts'
import type { JobsDeps } from './deps.ts'
import { jobsOf, makeDue, playEndedCall, runTenantJobs, silentVoiceTenant, withJobsDeps } from './test-kit.ts'

interface RecordingRow {
  id: string
  recording_state: string
  recording_path: string | null
  recording_content_type: string | null
  recording_error: string | null
  recording_source_url: string | null
  recording_attempts: number
}

/**
 * A call the sandbox played, recorded as the webhook leaves it after the report: ended, its recording
 * `pending` at Vapi's URL, and the copy queued.
 */
async function completedCall(deps: JobsDeps) {
  const fixture = await silentVoiceTenant(deps)
  const vapiCall = await playEndedCall(fixture.key, {
    assistantId: fixture.vapiAssistantId,
    at: new Date(Date.now() - 3_600_000).toISOString(),
  })
  const source =
    (vapiCall.artifact as { recording: { mono: { combinedUrl: string } } }).recording.mono.combinedUrl
  const callId = await deps.db.asService(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into public.calls (tenant_id, vapi_call_id, status, started_at, ended_at, report_at,
        recording_state, recording_source_url)
      values (${fixture.tenant.id}, ${vapiCall.id}, 'ended', ${vapiCall.startedAt!}, ${vapiCall
      .endedAt!}, now(),
        'pending', ${source})
      returning id`
    await enqueueJob(tx, {
      kind: 'recording.copy',
      tenantId: fixture.tenant.id,
      payload: { call_id: row.id },
      dedupeKey: `recording.copy:${row.id}`,
    })
    return row.id
  })
  return { ...fixture, callId, source }
}

async function recording(deps: JobsDeps, callId: string): Promise<RecordingRow> {
  const [row] = await deps.db.asService((tx) =>
    tx<RecordingRow[]>`
      select id, recording_state, recording_path, recording_content_type, recording_error,
        recording_source_url, recording_attempts
      from public.calls where id = ${callId}`
  )
  return row
}

async function setSource(deps: JobsDeps, callId: string, url: string): Promise<void> {
  await deps.db.asService((tx) =>
    tx`update public.calls set recording_source_url = ${url} where id = ${callId}`
  )
}

/** A recording host of our own answering `statuses` in turn, then the bytes. */
function host(statuses: number[], bytes: Uint8Array) {
  let served = 0
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: () => {} }, () => {
    const status = statuses[served++]
    if (status) return new Response('<Error><Code>AccessDenied</Code></Error>', { status })
    return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'audio/mpeg' } })
  })
  return {
    url: `http://127.0.0.1:${server.addr.port}/recordings/call.mp3?X-Amz-Signature=abc`,
    get requests() {
      return served
    },
    stop: () => server.shutdown(),
  }
}

async function bytesOf(url: string): Promise<Uint8Array> {
  const res = await fetch(url)
  assert.equal(res.status, 200, url)
  return new Uint8Array(await res.arrayBuffer())
}

Deno.test('recording.copy: the recording is stored under the tenant, its type kept, and served back', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, callId } = await completedCall(deps)
    const before = await recording(deps, callId)
    assert.equal(before.recording_state, 'pending')
    assert.match(before.recording_source_url ?? '', /\/sandbox\/recordings\/.+\.wav$/)

    await runTenantJobs(deps, tenant.id, ['recording.copy'])
    const after = await recording(deps, callId)
    assert.equal(after.recording_state, 'stored')
    assert.equal(after.recording_path, `recordings/${tenant.id}/${callId}.wav`)
    assert.equal(after.recording_content_type, 'audio/wav')
    assert.equal(after.recording_attempts, 1)
    assert.equal((await jobsOf(deps, tenant.id, 'recording.copy'))[0].state, 'done')

    const original = await bytesOf(before.recording_source_url!)
    const { url } = await deps.store.signedUrl(after.recording_path!, 60)
    const res = await fetch(url)
    assert.equal(res.headers.get('content-type'), 'audio/wav')
    assert.deepEqual(
      new Uint8Array(await res.arrayBuffer()),
      original,
      'the same bytes, played from our store',
    )
  })
})

Deno.test('recording.copy: a host failing with 503 is retried after the backoff, then the copy succeeds', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, callId } = await completedCall(deps)
    const bytes = crypto.getRandomValues(new Uint8Array(4096))
    const flaky = host([503], bytes)
    try {
      await setSource(deps, callId, flaky.url)
      await runTenantJobs(deps, tenant.id, ['recording.copy'])
      let [job] = await jobsOf(deps, tenant.id, 'recording.copy')
      assert.equal(job.state, 'queued')
      assert.equal(job.last_error, "Error: The recording's host answered 503")
      assert.ok(job.next_run_at.getTime() > Date.now() + 10_000, 'not before the backoff')
      assert.equal((await recording(deps, callId)).recording_state, 'pending')

      await makeDue(deps, tenant.id)
      await runTenantJobs(deps, tenant.id, ['recording.copy'])
      ;[job] = await jobsOf(deps, tenant.id, 'recording.copy')
      assert.equal(job.state, 'done')
      const row = await recording(deps, callId)
      assert.equal(row.recording_state, 'stored')
      assert.equal(row.recording_path, `recordings/${tenant.id}/${callId}.mp3`)
      assert.equal(row.recording_content_type, 'audio/mpeg')
      assert.equal(row.recording_attempts, 2)
      assert.deepEqual((await deps.store.read(row.recording_path!))?.body, bytes)
    } finally {
      await flaky.stop()
    }
  })
})

Deno.test('recording.copy: an expired presigned URL is replaced by a fresh one from Vapi', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, callId, source } = await completedCall(deps)
    const expired = host([403, 403, 403], new Uint8Array())
    try {
      await setSource(deps, callId, expired.url)
      await runTenantJobs(deps, tenant.id, ['recording.copy'])
      const row = await recording(deps, callId)
      assert.equal(row.recording_state, 'stored', row.recording_error ?? '')
      assert.equal(expired.requests, 1)
      assert.equal(row.recording_source_url, source, 'Vapi’s URL of now is kept')
    } finally {
      await expired.stop()
    }
  })
})

Deno.test('recording.copy: a recording gone for good fails the copy with the reason, without retrying', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, callId } = await completedCall(deps)
    const gone = host([404, 404], new Uint8Array())
    try {
      await setSource(deps, callId, gone.url)
      // Vapi no longer knows the call either: no fresh URL to try.
      await deps.db.asService((tx) =>
        tx`update public.calls set vapi_call_id = ${crypto.randomUUID()} where id = ${callId}`
      )
      await runTenantJobs(deps, tenant.id, ['recording.copy'])
      const [job] = await jobsOf(deps, tenant.id, 'recording.copy')
      assert.equal(job.state, 'failed')
      assert.equal(job.attempts, 1)
      assert.equal(job.last_error, 'The recording is no longer available (404)')
      const row = await recording(deps, callId)
      assert.equal(row.recording_state, 'failed')
      assert.equal(row.recording_error, 'The recording is no longer available (404)')
      assert.equal(row.recording_path, null)
    } finally {
      await gone.stop()
    }
  })
})

Deno.test('recording.copy: a call erased before its copy ran leaves nothing behind', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, callId } = await completedCall(deps)
    await deps.db.asService((tx) => tx`delete from public.calls where id = ${callId}`)
    await runTenantJobs(deps, tenant.id, ['recording.copy'])
    assert.equal((await jobsOf(deps, tenant.id, 'recording.copy'))[0].state, 'done')
    assert.equal(await deps.store.read(`recordings/${tenant.id}/${callId}.wav`), null)
  })
})
