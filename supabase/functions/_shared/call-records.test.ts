/**
 * completeCall as the reconciliation job uses it: the Call `GET /call/:id` answers (the SDK's Vapi.Call, from
 * a call the sandbox played with no server to report to) completes the call exactly as a report would, once.
 * And the notification's wording.
 */
import assert from 'node:assert/strict'
import type { Vapi } from '@vapi-ai/server-sdk'
import { playCall, waitForCall } from '../../../scripts/sandbox/vapi.ts'
import { callRefs, completeCall, notificationBody, notificationTitle, recordCall } from './call-records.ts'
import { type CoreDeps, createCoreDeps } from './deps.ts'
import { createVapiFactory, loadVapiEnv } from './vapi.ts'
import { testEnv, voiceTenant } from './testing.ts'

const VAPI_BASE_URL = () => loadVapiEnv(testEnv()).VAPI_BASE_URL

async function withDeps(body: (deps: CoreDeps) => Promise<void>) {
  const deps = createCoreDeps(testEnv())
  try {
    await body(deps)
  } finally {
    await deps.db.end()
  }
}

/** A tenant whose assistant has no server URL, and a call it took: Vapi never reported it to us. */
async function unreportedCall(deps: CoreDeps) {
  const t = await voiceTenant({ ...deps, vapi: createVapiFactory({ VAPI_BASE_URL: VAPI_BASE_URL() }) })
  const assistant = await t.vapi.assistants.create({
    name: 'Front desk',
    firstMessage: 'Hello, Cabinet Test.',
  })
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.assistants (tenant_id, vapi_id, name, active)
      values (${t.tenant.id}, ${assistant.id}, 'Front desk', true) returning id`
  )
  const { call: started } = await playCall(VAPI_BASE_URL(), t.key, {
    assistantId: assistant.id,
    customerNumber: '+33612345678',
    script: [{ role: 'user', text: 'Can I come on Tuesday?' }],
  })
  await waitForCall(VAPI_BASE_URL(), t.key, started.id)
  const call: Vapi.Call = await t.vapi.calls.get({ id: started.id })
  return { tenant: t.tenant.id, owner: t.owner.id, assistantId: row.id, call }
}

Deno.test("completeCall: GET /call's Call completes a call whose report never came, once", () =>
  withDeps(async (deps) => {
    const { tenant, owner, assistantId, call } = await unreportedCall(deps)
    // The webhook had seen it start.
    await deps.db.asService(async (tx) => {
      const refs = await callRefs(tx, tenant, call)
      assert.deepEqual(refs, { assistantId, workflowId: null, phoneNumberId: null, number: null })
      await recordCall(tx, tenant, { ...call, status: 'in-progress', endedAt: undefined }, {
        refs,
        at: new Date(),
      })
    })

    const first = await deps.db.asService((tx) => completeCall(tx, tenant, call))
    assert.equal(first.completed, true)
    assert.equal(first.kind, 'call_completed')
    const [row] = await deps.db.asService((tx) =>
      tx`
        select id, status, assistant_id, from_number, started_at, ended_at, duration_s, cost::float8 as cost,
          ended_reason, summary, transcript, messages, recording_state, recording_source_url, report_at
        from public.calls where tenant_id = ${tenant}`
    )
    const artifact = call.artifact as { transcript: string; recording: { mono: { combinedUrl: string } } }
    assert.equal(row.id, first.callId)
    assert.equal(row.status, 'ended')
    assert.equal(row.assistant_id, assistantId)
    assert.equal(row.from_number, '+33612345678')
    assert.equal(row.started_at.toISOString(), new Date(call.startedAt!).toISOString())
    assert.equal(row.ended_at.toISOString(), new Date(call.endedAt!).toISOString())
    assert.equal(row.duration_s, Math.round((Date.parse(call.endedAt!) - Date.parse(call.startedAt!)) / 1000))
    assert.equal(row.cost, Math.round(call.cost! * 10000) / 10000)
    assert.equal(row.ended_reason, call.endedReason)
    assert.equal(row.summary, call.analysis!.summary)
    assert.equal(row.transcript, artifact.transcript)
    assert.deepEqual(row.messages.map((m: { role: string }) => m.role), ['bot', 'user'])
    assert.equal(row.recording_state, 'pending')
    assert.equal(row.recording_source_url, artifact.recording.mono.combinedUrl)
    assert.ok(row.report_at)

    const again = await deps.db.asService((tx) => completeCall(tx, tenant, { ...call, endedReason: 'other' }))
    assert.deepEqual(again, { callId: first.callId, completed: false, kind: 'call_completed' })
    const counts = await deps.db.asService((tx) =>
      tx<{ jobs: number; notifications: number; reason: string }[]>`
        select (select count(*)::int from public.jobs where tenant_id = ${tenant}) as jobs,
          (select count(*)::int from public.notifications where tenant_id = ${tenant} and user_id = ${owner})
            as notifications,
          (select ended_reason from public.calls where tenant_id = ${tenant}) as reason`
    )
    assert.deepEqual({ ...counts[0] }, { jobs: 2, notifications: 1, reason: call.endedReason })
  }))

Deno.test('completeCall: the notification says who called, in international form, and what was said', () => {
  assert.equal(
    notificationTitle('call_completed', 'inbound', '+33612345678', 'FR'),
    'New call from +33 6 12 34 56 78',
  )
  assert.equal(
    notificationTitle('call_missed', 'inbound', '0612345678', 'FR'),
    'Missed call from +33 6 12 34 56 78',
  )
  assert.equal(
    notificationTitle('call_completed', 'inbound', '+14155550123', 'FR'),
    'New call from +1 415 555 0123',
  )
  assert.equal(notificationTitle('call_completed', 'web', null, 'FR'), 'New call from a web caller')
  assert.equal(notificationTitle('call_missed', 'inbound', null, 'FR'), 'Missed call from an unknown number')
  assert.equal(notificationTitle('call_completed', 'inbound', 'anonymous', 'FR'), 'New call from anonymous')

  assert.equal(
    notificationBody('  The caller\nwants   a slot. ', 'customer-ended-call'),
    'The caller wants a slot.',
  )
  const long = notificationBody('word '.repeat(100), null)!
  assert.equal(long.length, 200)
  assert.ok(long.endsWith('…'))
  assert.equal(notificationBody(null, 'customer-did-not-answer'), 'customer-did-not-answer')
  assert.equal(notificationBody('', null), null)
})
