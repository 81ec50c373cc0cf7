/**
 * One call in full: messages without the system prompt, costs normalised, events oldest first (the last
 * 500), and a recording URL for members who may listen only.
 */
import assert from 'node:assert/strict'
import type { CallDetail, CallRecording } from '../../../shared/contracts/calls.ts'
import { call, expectProblem, memberWithRole, ownerWithTenant } from '../_shared/testing.ts'
import { insertCall, insertEvent, insertRecordedCall, withCalls } from './testing.ts'

Deno.test('calls detail: transcript, messages, costs, structured data and events', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const id = await insertCall(deps, tenant.id)
    await insertEvent(deps, tenant.id, id, 'status-update', {
      message: { type: 'status-update', status: 'ringing' },
    })
    await insertEvent(deps, tenant.id, id, 'end-of-call-report', { message: { type: 'end-of-call-report' } })

    const res = await call<CallDetail>(handler, 'GET', `/calls/${id}`, { ...as })
    assert.equal(res.status, 200, res.text)
    const d = res.body
    assert.match(d.transcript ?? '', /rendez-vous/)
    assert.ok(!JSON.stringify(d.messages).includes('SECRET PROMPT'), 'no system prompt')
    assert.deepEqual(d.messages, [
      {
        role: 'bot',
        message: 'Cabinet du docteur Martin, bonjour.',
        seconds_from_start: 0.5,
        duration_s: 1.8,
      },
      {
        role: 'user',
        message: 'Bonjour, je voudrais prendre rendez-vous.',
        seconds_from_start: 2.6,
        duration_s: 2.4,
      },
      { role: 'tool_call_result', message: 'slot booked', seconds_from_start: 5.2, duration_s: null },
    ])
    assert.deepEqual(d.costs.map((c) => [c.type, c.provider, c.minutes]), [
      ['transport', 'twilio', 1.2333],
      ['transcriber', 'deepgram', 1.2333],
      ['model', 'openai', null],
      ['voice', 'vapi', null],
      ['vapi', null, 1.2333],
    ])
    assert.deepEqual(d.structured_data, { reason: 'contrôle', day: 'mardi' })
    assert.deepEqual(d.recording, {
      state: 'none',
      url: null,
      expires_at: null,
      content_type: null,
      error: null,
    })
    assert.deepEqual(d.events.map((e) => e.type), ['status-update', 'end-of-call-report'])
    assert.deepEqual(d.events[0].payload, { message: { type: 'status-update', status: 'ringing' } })

    await expectProblem(handler, 'GET', `/calls/${crypto.randomUUID()}`, as, 404, 'call_not_found')
    await expectProblem(handler, 'GET', '/calls/not-a-uuid', as, 400, 'validation_failed')
  }))

Deno.test('calls detail: at most the last 500 events, oldest first', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const id = await insertCall(deps, tenant.id)
    await deps.db.asService((tx) =>
      tx`insert into public.call_events (tenant_id, call_id, type, delivery_key, payload, received_at)
         select ${tenant.id}, ${id}, 'transcript', 'k' || n, jsonb_build_object('n', n),
           '2026-01-01'::timestamptz + n * interval '1 second'
         from generate_series(1, 510) n`
    )
    const { body } = await call<CallDetail>(handler, 'GET', `/calls/${id}`, { ...as })
    assert.equal(body.events.length, 500)
    assert.deepEqual([body.events[0].payload.n, body.events[499].payload.n], [11, 510])
  }))

Deno.test('calls recording: a 5-minute URL for those who may listen (agent), null for a viewer', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const callId = await insertRecordedCall(deps, tenant.id)

    const before = Date.now()
    const owner = await call<CallDetail>(handler, 'GET', `/calls/${callId}`, { ...as })
    assert.equal(owner.body.recording.state, 'stored')
    assert.ok(owner.body.recording.url, 'the owner may listen')
    const ttl = Date.parse(owner.body.recording.expires_at!) - before
    assert.ok(ttl > 250_000 && ttl <= 301_000, `about five minutes, got ${ttl} ms`)
    assert.equal(owner.body.recording.content_type, 'audio/wav')

    const agent = await memberWithRole(deps, tenant.id, 'agent')
    const heard = await call<CallRecording>(handler, 'GET', `/calls/${callId}/recording`, { ...agent.as })
    assert.equal(heard.status, 200, heard.text)
    assert.ok(heard.body.url)
    assert.ok(
      (await call<CallDetail>(handler, 'GET', `/calls/${callId}`, { ...agent.as })).body.recording.url,
    )

    const viewer = await memberWithRole(deps, tenant.id, 'viewer')
    const seen = await call<CallDetail>(handler, 'GET', `/calls/${callId}`, { ...viewer.as })
    assert.equal(seen.status, 200)
    assert.deepEqual([seen.body.recording.state, seen.body.recording.url], ['stored', null])
    await expectProblem(handler, 'GET', `/calls/${callId}/recording`, viewer.as, 403, 'forbidden')

    // Not stored (the copy failed): no URL, and why.
    const failed = await insertCall(deps, tenant.id, {
      recording_state: 'failed',
      recording_error: 'HTTP 404',
    })
    const why = await call<CallRecording>(handler, 'GET', `/calls/${failed}/recording`, { ...as })
    assert.deepEqual([why.body.state, why.body.url, why.body.error], ['failed', null, 'HTTP 404'])
  }))
