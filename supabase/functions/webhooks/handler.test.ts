/**
 * The Vapi webhook, called as Vapi calls it (the real handler, database and sandbox-made resources):
 * authentication before anything else, the tenant cross-check, each message's effect, redeliveries and
 * out-of-order deliveries, unknown types, bad bodies and assistant-request.
 */
import assert from 'node:assert/strict'
import { withTestDeps } from '../_shared/testing.ts'
import webhooks from './handler.ts'
import {
  assertNothingStored,
  broadcasts,
  CALLER,
  callRows,
  deliver,
  events,
  insertAssistant,
  insertNumber,
  insertWorkflow,
  jobs,
  notifications,
  onlyCall,
  rejections,
  report,
  saveHmac,
  signed,
  vapiCall,
  voiceFixture,
} from './testing.ts'

const T = Date.parse('2026-11-22T10:00:00.000Z')

function assertProblem(
  res: { status: number; headers: Headers; body: { code?: string } },
  status: number,
  code: string,
) {
  assert.equal(res.status, status, JSON.stringify(res.body))
  assert.equal(res.headers.get('content-type'), 'application/problem+json')
  assert.equal(res.body.code, code)
}

Deno.test('webhooks: a missing or wrong x-vapi-secret is a 401, counted with its reason, and nothing is stored', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const message = { type: 'status-update', status: 'ringing', timestamp: T, call: vapiCall(f) }

    const missing = await deliver(handler, f.tenant, message, {})
    assertProblem(missing, 401, 'webhook_unauthorized')
    assert.equal((await rejections(deps, f.tenant)).last_reason, 'missing secret')
    const wrong = await deliver(handler, f.tenant, message, { secret: `${f.secret.slice(0, -1)}x` })
    assertProblem(wrong, 401, 'webhook_unauthorized')
    const longer = await deliver(handler, f.tenant, message, { secret: `${f.secret}x` })
    assertProblem(longer, 401, 'webhook_unauthorized')
    assert.ok(![missing, wrong, longer].some((r) => r.text.includes(f.secret)), 'never the secret')

    const counted = await rejections(deps, f.tenant)
    assert.equal(counted.rejected, 3)
    assert.equal(counted.last_reason, 'wrong secret')
    assert.ok(Date.now() - counted.last_rejected_at!.getTime() < 60_000)
    await assertNothingStored(deps, f.tenant)

    const ok = await deliver(handler, f.tenant, message, { secret: f.secret })
    assert.equal(ok.status, 200, ok.text)
    assert.deepEqual(ok.body, {})
    assert.equal((await rejections(deps, f.tenant)).rejected, 3)
    assert.equal((await onlyCall(deps, f.tenant)).status, 'ringing')
  }))

Deno.test('webhooks: an unknown tenant or a path that is no tenant id is a 401 like a wrong secret', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const message = { type: 'status-update', status: 'ringing', timestamp: T, call: vapiCall(f) }
    for (const tenant of [crypto.randomUUID(), 'not-a-tenant', f.tenant.toUpperCase().replace(/-/g, '')]) {
      assertProblem(
        await deliver(handler, tenant, message, { secret: f.secret }),
        401,
        'webhook_unauthorized',
      )
    }
    const [{ n }] = await deps.db.asService((tx) =>
      tx<
        { n: number }[]
      >`select count(*)::int as n from public.webhook_rejections where tenant_id = ${f.tenant}`
    )
    assert.equal(n, 0, 'nothing counted for a tenant that was not named')
    await assertNothingStored(deps, f.tenant)
  }))

Deno.test('webhooks: with an HMAC credential, only a fresh x-signature over {timestamp}.{body} opens; the plain secret no longer does', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const hmacSecret = `hmac_${crypto.randomUUID()}`
    await saveHmac(deps, f, crypto.randomUUID(), hmacSecret)
    const raw = JSON.stringify({
      message: { type: 'status-update', status: 'ringing', timestamp: T, call: vapiCall(f) },
    })
    const now = Date.now()
    const refusals: [Record<string, string>, string][] = [
      [{ 'x-vapi-secret': f.secret }, 'bad signature'],
      [{}, 'bad signature'],
      [await signed('a forged secret', raw, now), 'bad signature'],
      [{ ...await signed(hmacSecret, raw, now), 'x-timestamp': String(now + 1) }, 'bad signature'],
      [await signed(hmacSecret, `${raw} `, now), 'bad signature'],
      [await signed(hmacSecret, raw, now - 6 * 60_000), 'stale timestamp'],
      [await signed(hmacSecret, raw, Math.floor((now + 6 * 60_000) / 1000)), 'stale timestamp'],
    ]
    for (const [headers, reason] of refusals) {
      const res = await deliver(handler, f.tenant, raw, headers)
      assertProblem(res, 401, 'webhook_unauthorized')
      assert.equal((await rejections(deps, f.tenant)).last_reason, reason, JSON.stringify(headers))
    }
    assert.equal((await rejections(deps, f.tenant)).rejected, refusals.length)
    await assertNothingStored(deps, f.tenant)

    // Milliseconds (what the sandbox sends) and seconds both work.
    const inMs = await deliver(handler, f.tenant, raw, await signed(hmacSecret, raw, Date.now()))
    assert.equal(inMs.status, 200, inMs.text)
    const raw2 = JSON.stringify({
      message: { type: 'status-update', status: 'in-progress', timestamp: T + 1, call: vapiCall(f) },
    })
    const inSeconds = await deliver(
      handler,
      f.tenant,
      raw2,
      await signed(hmacSecret, raw2, Math.floor(Date.now() / 1000)),
    )
    assert.equal(inSeconds.status, 200, inSeconds.text)
    assert.equal((await events(deps, f.tenant)).length, 2)
  }))

Deno.test("webhooks: another tenant's assistant, number or metadata, or nothing of ours, is a 403 and nothing is stored", () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const a = await voiceFixture(deps)
    const b = await voiceFixture(deps)
    const status = (call: unknown) => ({ type: 'status-update', status: 'ringing', timestamp: T, call })
    const cases = {
      "B's call sent to A": vapiCall(b),
      "A's assistant on B's number": vapiCall(a, { phoneNumberId: b.number.vapiId }),
      "B's assistant on A's number": vapiCall(a, { assistantId: b.assistant.vapiId }),
      'metadata naming B': vapiCall(a, { assistantOverrides: { metadata: { tenant_id: b.tenant } } }),
      'nothing we know': vapiCall(a, { assistantId: 'asst_unknown', phoneNumberId: 'pn_unknown' }),
      'no call at all': undefined,
    }
    for (const [name, call] of Object.entries(cases)) {
      const res = await deliver(handler, a.tenant, status(call), { secret: a.secret })
      assert.equal(res.status, 403, `${name}: ${res.text}`)
      assert.equal(res.body.code, 'webhook_wrong_tenant')
    }
    // A's path with B's secret is not even authenticated.
    assertProblem(
      await deliver(handler, a.tenant, status(vapiCall(b)), { secret: b.secret }),
      401,
      'webhook_unauthorized',
    )
    await assertNothingStored(deps, a.tenant)
    await assertNothingStored(deps, b.tenant)

    // An assistant only Vapi knows, carrying our metadata for A (transient, not imported yet): A's.
    const transient = vapiCall(a, { assistantId: 'asst_transient', phoneNumberId: null })
    const ok = await deliver(handler, a.tenant, {
      ...status(transient),
      assistant: { name: 'Transient', metadata: { tenant_id: a.tenant } },
    }, { secret: a.secret })
    assert.equal(ok.status, 200, ok.text)
    assert.equal((await onlyCall(deps, a.tenant)).assistant_id, null)
  }))

Deno.test('webhooks: the same message twice is applied once; a report redelivered with new presigned URLs changes nothing', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const call = vapiCall(f, { status: 'ringing' })
    const ringing = { type: 'status-update', status: 'ringing', timestamp: T, call }
    for (let i = 0; i < 2; i++) {
      assert.equal((await deliver(handler, f.tenant, ringing, { secret: f.secret })).status, 200)
    }
    assert.equal((await events(deps, f.tenant)).length, 1)
    const first = await onlyCall(deps, f.tenant)

    const ended = { ...call, status: 'ended' }
    const delivered = await deliver(handler, f.tenant, report(ended, T + 70_000, 'first'), {
      secret: f.secret,
    })
    assert.equal(delivered.status, 200, delivered.text)
    const completed = await onlyCall(deps, f.tenant)
    assert.equal(completed.id, first.id)
    assert.match(completed.recording_source_url!, /Signature=first$/)

    // Vapi's retry of the same message (same timestamp), then a second report sent later: no change at all.
    for (const again of [report(ended, T + 70_000, 'second'), report(ended, T + 95_000, 'third')]) {
      const res = await deliver(handler, f.tenant, again, { secret: f.secret })
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(await onlyCall(deps, f.tenant), completed)
    }
    assert.deepEqual((await events(deps, f.tenant)).map((e) => e.type), [
      'status-update',
      'end-of-call-report',
      'end-of-call-report',
    ])
    assert.deepEqual((await jobs(deps, f.tenant)).map((j) => j.kind), ['recording.copy', 'push.call'])
    assert.equal((await notifications(deps, f.tenant)).length, 1)
  }))

Deno.test('webhooks: status only moves forward; a report before the status updates creates the call, and late ones change nothing', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const send = async (message: unknown) => {
      const res = await deliver(handler, f.tenant, message, { secret: f.secret })
      assert.equal(res.status, 200, res.text)
    }

    // In order: ringing → in-progress (Vapi says when it started) → ended, then a late ringing.
    const call = vapiCall(f)
    await send({ type: 'status-update', status: 'ringing', timestamp: T, call })
    let row = await onlyCall(deps, f.tenant)
    assert.equal(row.status, 'ringing')
    assert.equal(row.started_at.toISOString(), call.createdAt, 'until Vapi says when it started')
    const startedAt = '2026-11-22T10:00:01.000Z'
    await send({
      type: 'status-update',
      status: 'in-progress',
      timestamp: T + 1000,
      call: { ...call, startedAt },
    })
    row = await onlyCall(deps, f.tenant)
    assert.equal(row.status, 'in-progress')
    assert.equal(row.started_at.toISOString(), startedAt)
    await send({
      type: 'status-update',
      status: 'ended',
      endedReason: 'customer-ended-call',
      timestamp: T + 30_000,
      call: { ...call, startedAt, endedAt: '2026-11-22T10:00:30.000Z' },
    })
    await send({ type: 'status-update', status: 'ringing', timestamp: T + 31_000, call })
    row = await onlyCall(deps, f.tenant)
    assert.equal(row.status, 'ended', 'a late ringing keeps ended')
    assert.equal(row.ended_reason, 'customer-ended-call')
    assert.equal(row.ended_at!.toISOString(), '2026-11-22T10:00:30.000Z')
    assert.equal(row.report_at, null)

    // Another call whose report comes first.
    const other = vapiCall(f)
    await send(report({ ...other, status: 'ended' }, T + 70_000))
    const [, early] = await callRows(deps, f.tenant)
    assert.equal(early.vapi_call_id, other.id)
    assert.equal(early.status, 'ended')
    assert.equal(early.started_at.toISOString(), '2026-11-22T10:00:00.000Z')
    for (const status of ['ringing', 'in-progress', 'ended']) {
      await send({
        type: 'status-update',
        status,
        endedReason: 'silence-timed-out',
        timestamp: T + 1,
        call: { ...other, status },
      })
    }
    const [, late] = await callRows(deps, f.tenant)
    assert.deepEqual(late, early, 'late status updates change nothing after the report')
    const linked = (await events(deps, f.tenant)).filter((e) => e.call_id === early.id)
    assert.equal(linked.length, 4, 'every event of the call is linked to it')
  }))

Deno.test('webhooks: final transcripts and conversation updates go to the live view; partials do not', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const call = vapiCall(f, { status: 'in-progress' })
    const send = async (message: Record<string, unknown>) => {
      const res = await deliver(handler, f.tenant, { timestamp: T, call, ...message }, { secret: f.secret })
      assert.equal(res.status, 200, res.text)
    }
    await send({ type: 'speech-update', status: 'started', role: 'user' })
    await send({ type: 'transcript', role: 'user', transcriptType: 'partial', transcript: 'I need' })
    await send({
      type: 'transcript',
      role: 'user',
      transcriptType: 'final',
      transcript: 'I need an appointment.',
    })
    await send({
      type: 'conversation-update',
      messages: [
        { role: 'system', message: 'You are a receptionist.' },
        { role: 'bot', message: 'Cabinet Test, bonjour.', secondsFromStart: 0.4 },
        { role: 'user', message: 'I need an appointment.', secondsFromStart: 2.5 },
      ],
    })
    const row = await onlyCall(deps, f.tenant)
    assert.equal(row.status, 'in-progress', "a speech-update's status is the speech's, not the call's")
    const lines = (await broadcasts(deps, f.tenant)).filter((b) => b.event === 'transcript').map((b) =>
      b.payload
    )
    assert.deepEqual(lines, [
      { call_id: row.id, role: 'user', text: 'I need an appointment.' },
      { call_id: row.id, role: 'user', text: 'I need an appointment.', seconds_from_start: 2.5 },
    ])
    const changed = (await broadcasts(deps, f.tenant)).filter((b) => b.event === 'call_changed')
    assert.equal(changed.length, 1, 'the call row changed once (created)')
    assert.equal(changed[0].payload.id, row.id)
  }))

Deno.test('webhooks: unknown and unhandled types are stored and acknowledged with the call when we have it', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const call = vapiCall(f)
    await deliver(handler, f.tenant, { type: 'status-update', status: 'ringing', timestamp: T, call }, {
      secret: f.secret,
    })
    const row = await onlyCall(deps, f.tenant)
    for (const type of ['tool-calls', 'hang', 'user-interrupted', 'model-output', 'a-type-from-the-future']) {
      const res = await deliver(handler, f.tenant, {
        type,
        timestamp: T + 1,
        call,
        anything: { nested: [1] },
      }, {
        secret: f.secret,
      })
      assert.equal(res.status, 200, `${type}: ${res.text}`)
      assert.deepEqual(res.body, {})
    }
    // Vapi deleted a call we never recorded: stored, and no call is made up for it.
    const gone = vapiCall(f)
    assert.equal(
      (await deliver(handler, f.tenant, { type: 'call.deleted', timestamp: T, call: gone }, {
        secret: f.secret,
      })).status,
      200,
    )

    const stored = await events(deps, f.tenant)
    assert.equal(stored.length, 7)
    assert.ok(stored.slice(0, 6).every((e) => e.call_id === row.id))
    assert.equal(stored[6].call_id, null)
    assert.deepEqual(stored[5].payload.anything, { nested: [1] }, 'stored as sent')
    assert.equal((await onlyCall(deps, f.tenant)).id, row.id)
  }))

Deno.test('webhooks: stored payloads carry no secret header', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const message = {
      type: 'status-update',
      status: 'ringing',
      timestamp: T,
      call: vapiCall(f),
      assistant: { name: 'Front desk', server: { url: 'https://x', headers: { 'x-vapi-secret': f.secret } } },
    }
    assert.equal((await deliver(handler, f.tenant, message, { secret: f.secret })).status, 200)
    const [event] = await events(deps, f.tenant)
    assert.ok(!JSON.stringify(event.payload).includes(f.secret))
    assert.deepEqual((event.payload.assistant as { server: unknown }).server, {
      url: 'https://x',
      headers: { 'x-vapi-secret': '[redacted]' },
    })
  }))

Deno.test('webhooks: a body that is not JSON, after a valid secret, is a 400 naming body; before it, a 401', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const broken = await deliver(handler, f.tenant, '{"message": {"type": ', { secret: f.secret })
    assertProblem(broken, 400, 'malformed_json')
    assert.deepEqual(broken.body.errors.map((e: { field: string }) => e.field), ['body'])
    assertProblem(
      await deliver(handler, f.tenant, '{"message": {', { secret: 'nope' }),
      401,
      'webhook_unauthorized',
    )

    const untyped = await deliver(handler, f.tenant, { timestamp: T, call: vapiCall(f) }, {
      secret: f.secret,
    })
    assertProblem(untyped, 400, 'validation_failed')
    assert.deepEqual(untyped.body.errors.map((e: { field: string }) => e.field), ['message.type'])
    const noMessage = await deliver(handler, f.tenant, JSON.stringify({ event: 'x' }), { secret: f.secret })
    assert.deepEqual(noMessage.body.errors.map((e: { field: string }) => e.field), ['message'])
    const badCost = await deliver(handler, f.tenant, { ...report(vapiCall(f), T), cost: 'free' }, {
      secret: f.secret,
    })
    assert.deepEqual(badCost.body.errors.map((e: { field: string }) => e.field), ['message.cost'])
    await assertNothingStored(deps, f.tenant)
  }))

Deno.test("webhooks: assistant-request answers the number's active assistant, its workflow's squad, or a spoken error in the tenant's language", () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps, { language: 'fr' })
    const squad = `squad_${crypto.randomUUID()}`
    const workflow = await insertWorkflow(deps, f.tenant, squad)
    const sleeping = await insertAssistant(deps, f.tenant, `asst_${crypto.randomUUID()}`, false)
    const line = (n: number) => ({ id: `pn_${crypto.randomUUID()}`, number: `+3315555000${n}` })
    const [viaWorkflow, viaInactive, unassigned] = [line(1), line(2), line(3)]
    await insertNumber(deps, f.tenant, viaWorkflow, { workflowId: workflow })
    await insertNumber(deps, f.tenant, viaInactive, { assistantId: sleeping })
    await insertNumber(deps, f.tenant, unassigned)

    const ask = async (number: { id: string; number: string }, tenant = f.tenant, secret = f.secret) => {
      const call = {
        id: crypto.randomUUID(),
        type: 'inboundPhoneCall',
        status: 'ringing',
        phoneNumberId: number.id,
        customer: { number: CALLER },
      }
      const res = await deliver(handler, tenant, {
        type: 'assistant-request',
        timestamp: T,
        call,
        phoneNumber: number,
        customer: { number: CALLER },
      }, { secret })
      assert.equal(res.status, 200, res.text)
      return res
    }
    const active = await ask({ id: f.number.vapiId, number: f.number.number })
    assert.deepEqual(active.body, { assistantId: f.assistant.vapiId })
    assert.equal(active.headers.get('content-type'), 'application/json')
    assert.deepEqual((await ask(viaWorkflow)).body, { squadId: squad })
    const closed =
      "Désolé, cette ligne n'est pas disponible pour le moment. Merci de rappeler plus tard. Au revoir."
    assert.deepEqual((await ask(viaInactive)).body, { error: closed })
    assert.deepEqual((await ask(unassigned)).body, { error: closed })

    // Stored too, each with its call on its number.
    const stored = await events(deps, f.tenant)
    assert.deepEqual(stored.map((e) => e.type), Array(4).fill('assistant-request'))
    assert.ok(stored.every((e) => e.call_id !== null))

    // An English tenant hears English.
    const en = await voiceFixture(deps, { language: 'en' })
    const enLine = line(4)
    await insertNumber(deps, en.tenant, enLine)
    assert.match((await ask(enLine, en.tenant, en.secret)).body.error, /^Sorry, this line is not available/)
  }))

Deno.test('webhooks: a web test call from our test-call feature names our assistant: recorded as a web call', () =>
  withTestDeps(webhooks, async ({ deps, handler }) => {
    const f = await voiceFixture(deps)
    const call = {
      id: crypto.randomUUID(),
      type: 'webCall',
      status: 'in-progress',
      assistantId: f.assistant.vapiId,
      createdAt: '2026-11-22T10:00:00.000Z',
      startedAt: '2026-11-22T10:00:02.000Z',
    }
    const res = await deliver(handler, f.tenant, {
      type: 'status-update',
      status: 'in-progress',
      timestamp: T,
      call,
    }, { secret: f.secret })
    assert.equal(res.status, 200, res.text)
    const row = await onlyCall(deps, f.tenant)
    assert.deepEqual(
      [
        row.direction,
        row.from_number,
        row.to_number,
        row.assistant_id,
        row.phone_number_id,
        row.started_at.toISOString(),
      ],
      ['web', null, null, f.assistant.id, null, '2026-11-22T10:00:02.000Z'],
    )
  }))
