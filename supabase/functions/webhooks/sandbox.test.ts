/**
 * Calls played by the stack's Vapi sandbox, whose server messages reach the webhook through the gateway as
 * Vapi's would (its headers, its HMAC, its order and payloads): what the tenant ends up with.
 */
import assert from 'node:assert/strict'
import type { Vapi } from '@vapi-ai/server-sdk'
import { playCall, waitForCall } from '../../../scripts/sandbox/vapi.ts'
import type { CoreDeps } from '../_shared/deps.ts'
import { memberWithRole, signUp, withTestDeps } from '../_shared/testing.ts'
import webhooks from './handler.ts'
import {
  broadcasts,
  CALLER,
  events,
  insertNumber,
  jobs,
  notifications,
  onlyCall,
  VAPI_BASE_URL,
  type VoiceFixture,
  voiceFixture,
} from './testing.ts'

const SCRIPT = [
  { role: 'user' as const, text: 'Hello, I would like an appointment on Tuesday.' },
  { role: 'assistant' as const, text: 'You are booked for Tuesday at ten. Goodbye!' },
]

/** Plays a call on the fixture's number (or another) and waits for its last server message. */
async function play(f: VoiceFixture, phoneNumberId = f.number.vapiId) {
  const { call } = await playCall(VAPI_BASE_URL(), f.key, {
    phoneNumberId,
    customerNumber: CALLER,
    script: SCRIPT,
  })
  const played = await waitForCall(VAPI_BASE_URL(), f.key, call.id, 60_000)
  for (const delivery of played.deliveries) {
    assert.ok(delivery.ok, `${delivery.type}: ${JSON.stringify(delivery.attempts)}`)
  }
  return played
}

type Ended = Vapi.Call & {
  artifact: { transcript: string; recording: { mono: { combinedUrl: string } } }
  analysis: { summary: string; structuredData: Record<string, unknown> }
}

Deno.test('webhooks: a call played by the sandbox becomes a complete call, with its events, jobs and notifications', () =>
  withTestDeps(webhooks, async ({ deps }) => {
    const f = await voiceFixture(deps)
    const viewer = await memberWithRole(deps, f.tenant, 'viewer')
    const agent = await memberWithRole(deps, f.tenant, 'agent')
    const bookkeeper = await memberWithoutCalls(deps, f.tenant)
    await deps.db.asService((tx) =>
      tx`update public.memberships set status = 'disabled' where tenant_id = ${f.tenant} and user_id = ${agent.user.id}`
    )

    const { call: played, deliveries } = await play(f)
    const ended = played as Ended
    assert.ok(deliveries.every((d) => d.attempts.length === 1 && d.attempts[0].status === 200))
    assert.ok(deliveries.some((d) => d.type === 'transcript'), 'the assistant asks for transcripts')

    const row = await onlyCall(deps, f.tenant)
    const started = Date.parse(ended.startedAt!)
    const endedAt = Date.parse(ended.endedAt!)
    assert.deepEqual(
      {
        vapi_call_id: row.vapi_call_id,
        status: row.status,
        direction: row.direction,
        from_number: row.from_number,
        to_number: row.to_number,
        assistant_id: row.assistant_id,
        workflow_id: row.workflow_id,
        phone_number_id: row.phone_number_id,
        started_at: row.started_at.getTime(),
        ended_at: row.ended_at?.getTime(),
        duration_s: row.duration_s,
        cost: Number(row.cost),
        ended_reason: row.ended_reason,
        summary: row.summary,
        structured_data: row.structured_data,
        success_evaluation: row.success_evaluation,
        transcript: row.transcript,
        recording_state: row.recording_state,
        recording_source_url: row.recording_source_url,
      },
      {
        vapi_call_id: ended.id,
        status: 'ended',
        direction: 'inbound',
        from_number: CALLER,
        to_number: f.number.number,
        assistant_id: f.assistant.id,
        workflow_id: null,
        phone_number_id: f.number.id,
        started_at: started,
        ended_at: endedAt,
        duration_s: Math.round((endedAt - started) / 1000),
        cost: Math.round(ended.cost! * 10000) / 10000,
        ended_reason: 'assistant-ended-call',
        summary: ended.analysis.summary,
        structured_data: ended.analysis.structuredData,
        success_evaluation: 'true',
        transcript: ended.artifact.transcript,
        recording_state: 'pending',
        recording_source_url: ended.artifact.recording.mono.combinedUrl,
      },
    )
    assert.ok(row.report_at)
    assert.deepEqual(
      (row.costs as { type: string; provider: string | null }[]).map((c) => [c.type, c.provider]),
      [['transport', 'vapi.sip'], ['transcriber', 'deepgram'], ['model', 'openai'], ['voice', 'vapi'], [
        'vapi',
        null,
      ]],
    )
    const messages = row.messages as { role: string; message: string; seconds_from_start: number }[]
    assert.deepEqual(messages.map((m) => [m.role, m.message]), [
      ['bot', 'Cabinet Test, bonjour.'],
      ['user', SCRIPT[0].text],
      ['bot', SCRIPT[1].text],
    ])
    assert.ok(messages.every((m) => typeof m.seconds_from_start === 'number'))

    // Every message Vapi sent, once, with the call.
    const stored = await events(deps, f.tenant)
    assert.equal(stored.length, deliveries.length)
    assert.deepEqual(stored.map((e) => e.type), deliveries.map((d) => d.type))
    assert.ok(stored.every((e) => e.call_id === row.id))
    assert.ok(!JSON.stringify(stored).includes(f.secret), 'the secret header of the assistant is redacted')
    assert.deepEqual(
      stored.filter((e) => e.type === 'status-update').map((e) => e.payload.status),
      ['ringing', 'in-progress', 'ended'],
    )

    assert.deepEqual((await jobs(deps, f.tenant)).map((j) => [j.kind, j.payload, j.dedupe_key]), [
      ['recording.copy', { call_id: row.id }, `recording.copy:${row.id}`],
      ['push.call', { call_id: row.id, kind: 'call_completed' }, `push.call:${row.id}`],
    ])

    // The members who read calls, and only the active ones.
    const notified = await notifications(deps, f.tenant)
    assert.deepEqual(notified.map((n) => n.user_id).sort(), [f.owner.id, viewer.user.id].sort())
    assert.ok(!notified.some((n) => n.user_id === bookkeeper || n.user_id === agent.user.id))
    for (const n of notified) {
      assert.deepEqual([n.kind, n.title, n.body, n.call_id], [
        'call_completed',
        'New call from +33 6 12 34 56 78',
        ended.analysis.summary,
        row.id,
      ])
    }

    // The live view: each final line, and the call as it moved.
    const live = await broadcasts(deps, f.tenant)
    const lines = live.filter((b) => b.event === 'transcript').map((b) => b.payload)
    assert.ok(lines.every((l) => l.call_id === row.id))
    assert.ok(
      lines.some((l) => l.role === 'user' && l.text === SCRIPT[0].text && l.seconds_from_start === undefined),
    )
    assert.ok(lines.some((l) => l.role === 'assistant' && typeof l.seconds_from_start === 'number'))
    const statuses = live.filter((b) => b.event === 'call_changed').map((b) => b.payload.status)
    assert.deepEqual([...new Set(statuses)], ['ringing', 'in-progress', 'ended'])
  }))

Deno.test('webhooks: with an HMAC credential, the sandbox signs every message and the call is recorded', () =>
  withTestDeps(webhooks, async ({ deps }) => {
    const f = await voiceFixture(deps, { hmacSecret: `hmac_${crypto.randomUUID()}` })
    const { call, deliveries } = await play(f)
    assert.ok(deliveries.length > 5)
    const row = await onlyCall(deps, f.tenant)
    assert.equal(row.vapi_call_id, call.id)
    assert.ok(row.report_at)
    assert.equal((await events(deps, f.tenant)).length, deliveries.length)
  }))

Deno.test('webhooks: assistant-request through the sandbox: our active assistant takes the call; an inactive one makes it a missed call', () =>
  withTestDeps(webhooks, async ({ deps }) => {
    const f = await voiceFixture(deps, { language: 'en' })
    // A number Vapi routes to nobody: it asks our server (the number's) who answers.
    const asking = await f.vapi.phoneNumbers.create({
      provider: 'vapi',
      numberDesiredAreaCode: '415',
      server: (await f.vapi.phoneNumbers.get({ id: f.number.vapiId }) as { server: Vapi.Server }).server,
    } as Vapi.CreatePhoneNumbersRequest) as { id: string; number: string }
    const numberId = await insertNumber(deps, f.tenant, asking, { assistantId: f.assistant.id })

    const answered = await play(f, asking.id)
    assert.equal(answered.deliveries[0].type, 'assistant-request')
    assert.equal(answered.call.assistantId, f.assistant.vapiId)
    assert.equal(answered.call.endedReason, 'assistant-ended-call')
    const row = await onlyCall(deps, f.tenant)
    assert.deepEqual([row.assistant_id, row.phone_number_id, row.to_number], [
      f.assistant.id,
      numberId,
      asking.number,
    ])
    assert.equal((await events(deps, f.tenant))[0].type, 'assistant-request')

    // Deactivated in Switchboard: the caller hears why, and the members see a missed call.
    await deps.db.asService((tx) =>
      tx`update public.assistants set active = false where id = ${f.assistant.id}`
    )
    const refused = await play(f, asking.id)
    assert.equal(refused.call.endedReason, 'assistant-request-returned-error')
    const missed = (await notifications(deps, f.tenant)).filter((n) => n.kind === 'call_missed')
    assert.equal(missed.length, 1)
    assert.equal(missed[0].title, 'Missed call from +33 6 12 34 56 78')
    assert.equal(missed[0].body, (refused.call as Ended).analysis.summary, 'what Vapi summed up')
    const pushes = (await jobs(deps, f.tenant)).filter((j) => j.kind === 'push.call').map((j) =>
      j.payload.kind
    )
    assert.deepEqual(pushes, ['call_completed', 'call_missed'])
  }))

/** A member whose role may read settings but not calls: never notified of a call. */
async function memberWithoutCalls(deps: CoreDeps, tenant: string): Promise<string> {
  const user = await signUp('bookkeeper')
  await deps.db.asService(async (tx) => {
    const [role] = await tx<{ id: string }[]>`
      insert into public.roles (tenant_id, name, permissions) values (${tenant}, 'bookkeeper', '{settings.read}')
      returning id`
    await tx`insert into public.memberships (tenant_id, user_id, role_id) values (${tenant}, ${user.id}, ${role.id})`
  })
  return user.id
}
