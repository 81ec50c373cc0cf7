/**
 * A caller's data: the zip (calls.json with every call and its events, and the stored recordings) and the
 * erasure (calls, events, notifications and recordings gone, Vapi's copies queued, a masked audit entry).
 * Both are the owner's (calls.erase).
 */
import assert from 'node:assert/strict'
import { unzipSync } from 'fflate'
import type { CallDetail, Erasure } from '../../../shared/contracts/calls.ts'
import {
  auditTrail,
  call,
  expectProblem,
  memberWithRole,
  ownerWithTenant,
  request,
  saveCredential,
} from '../_shared/testing.ts'
import { recordingPath } from '../_shared/storage.ts'
import { maskNumber } from './callers.ts'
import {
  insertCall,
  insertCalls,
  insertEvent,
  insertRecordedCall,
  RECORDING_BYTES,
  withCalls,
} from './testing.ts'

const CALLER = '+33612345678'

Deno.test('calls callers: the zip holds every call of the number, its events and its recordings', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const recorded = await insertRecordedCall(deps, tenant.id, { started_at: '2026-02-01T10:00:00Z' })
    const [inbound, outbound] = await insertCalls(deps, tenant.id, [
      { started_at: '2026-02-02T10:00:00Z' },
      {
        started_at: '2026-02-03T10:00:00Z',
        direction: 'outbound',
        from_number: '+33170000000',
        to_number: CALLER,
      },
      { started_at: '2026-02-04T10:00:00Z', from_number: '+33699999999' },
    ])
    await insertEvent(deps, tenant.id, inbound, 'end-of-call-report', {
      message: { type: 'end-of-call-report' },
    })

    // Typed as a person would, in the tenant's country (France).
    const res = await handler(
      request('POST', '/calls/callers/export', { ...as, body: { number: '06 12 34 56 78' } }),
    )
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/zip')
    assert.match(
      res.headers.get('content-disposition')!,
      /^attachment; filename="caller-\d{4}-\d\d-\d\d\.zip"$/,
    )
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
    assert.deepEqual(Object.keys(files).sort(), ['calls.json', `recordings/${recorded}.wav`])
    assert.deepEqual(files[`recordings/${recorded}.wav`], RECORDING_BYTES)
    const json = JSON.parse(new TextDecoder().decode(files['calls.json'])) as {
      number: string
      calls: CallDetail[]
    }
    assert.equal(json.number, CALLER)
    assert.deepEqual(
      json.calls.map((c) => c.id),
      [outbound, inbound, recorded],
      'newest first, other caller out',
    )
    assert.deepEqual(json.calls[1].events.map((e) => e.type), ['end-of-call-report'])
    assert.equal(json.calls[2].recording.state, 'stored')
    assert.equal(json.calls[2].recording.url, null, 'the file is in the zip, not behind a URL')
    assert.ok(json.calls[1].transcript)

    const trail = (await auditTrail(deps, tenant.id)).filter((e) => e.action === 'calls.caller.exported')
    assert.deepEqual(trail.map((e) => e.details), [{ number: maskNumber(CALLER), calls: 3 }])
  }))

Deno.test('calls callers: erasure deletes calls, events, notifications and recordings; audit keeps no number', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const recorded = await insertRecordedCall(deps, tenant.id)
    const [plain, other] = await insertCalls(deps, tenant.id, [{}, { from_number: '+33699999999' }])
    await insertEvent(deps, tenant.id, plain, 'status-update', { message: { status: 'ended' } })
    const notified = await deps.db.asService((tx) =>
      tx<{ n: number }[]>`select private.notify_call(${plain}, 'call_completed', 'Appel terminé', null) as n`
    )
    assert.equal(notified[0].n, 1, 'the owner was notified')

    const erased = await call<Erasure>(handler, 'POST', '/calls/callers/erase', {
      ...as,
      body: { number: CALLER },
    })
    assert.equal(erased.status, 200, erased.text)
    assert.deepEqual(erased.body, { calls: 2, recordings: 1, notifications: 1, vapi_queued: 0 })

    const left = await deps.db.asService((tx) =>
      tx<{ calls: string[]; events: number; notifications: number }[]>`
        select array(select id::text from public.calls where tenant_id = ${tenant.id}) as calls,
          (select count(*)::int from public.call_events where tenant_id = ${tenant.id}) as events,
          (select count(*)::int from public.notifications where tenant_id = ${tenant.id}) as notifications`
    )
    assert.deepEqual(left[0], { calls: [other], events: 0, notifications: 0 })
    assert.equal(
      await deps.recordings.read(recordingPath(tenant.id, recorded, 'wav')),
      null,
      'recording deleted',
    )

    const [entry] = (await auditTrail(deps, tenant.id)).filter((e) => e.action === 'calls.caller.erased')
    assert.deepEqual(entry.details, {
      number: '+33•••••••78',
      calls: 2,
      recordings: 1,
      notifications: 1,
      vapi_queued: 0,
    })
    assert.ok(!JSON.stringify(await auditTrail(deps, tenant.id)).includes('612345678'), 'no number in clear')

    const again = await call<Erasure>(handler, 'POST', '/calls/callers/erase', {
      ...as,
      body: { number: CALLER },
    })
    assert.deepEqual(again.body, { calls: 0, recordings: 0, notifications: 0, vapi_queued: 0 }, 'idempotent')
  }))

Deno.test("calls callers: with a Vapi key, Vapi's copies are queued for deletion", () =>
  withCalls(async ({ deps, handler }) => {
    const { owner, tenant, as } = await ownerWithTenant(deps)
    await saveCredential(deps, owner, tenant.id, 'vapi', `sk_test_${crypto.randomUUID()}`)
    const first = await insertCall(deps, tenant.id, { vapi_call_id: 'vapi-call-1' })
    await insertCall(deps, tenant.id, { vapi_call_id: 'vapi-call-2' })
    assert.ok(first)
    const erased = await call<Erasure>(handler, 'POST', '/calls/callers/erase', {
      ...as,
      body: { number: CALLER },
    })
    assert.deepEqual(erased.body, { calls: 2, recordings: 0, notifications: 0, vapi_queued: 2 })
    const jobs = await deps.db.asService((tx) =>
      tx<{ kind: string; payload: { vapi_call_ids: string[] } }[]>`
        select kind, payload from public.jobs where tenant_id = ${tenant.id}`
    )
    assert.equal(jobs.length, 1)
    assert.equal(jobs[0].kind, 'vapi.delete_calls')
    assert.deepEqual(jobs[0].payload.vapi_call_ids.sort(), ['vapi-call-1', 'vapi-call-2'])
  }))

Deno.test('calls callers: only the owner (calls.erase); a number that is not one is a 400 on number', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const kept = await insertCall(deps, tenant.id)
    for (const role of ['admin', 'agent', 'viewer'] as const) {
      const member = await memberWithRole(deps, tenant.id, role)
      for (const path of ['/calls/callers/export', '/calls/callers/erase']) {
        await expectProblem(
          handler,
          'POST',
          path,
          { ...member.as, body: { number: CALLER } },
          403,
          'forbidden',
        )
      }
    }
    const bad = await expectProblem(
      handler,
      'POST',
      '/calls/callers/erase',
      {
        ...as,
        body: { number: 'call me maybe' },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors?.map((e) => e.field), ['number'])
    const [{ n }] = await deps.db.asService((tx) =>
      tx<{ n: number }[]>`select count(*)::int as n from public.calls where id = ${kept}`
    )
    assert.equal(n, 1, 'nothing erased')
  }))
