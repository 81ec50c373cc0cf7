/**
 * `push.call` and `push.receipts` through the real push client and the Expo stand-in: who gets the push
 * (members who read calls, their preferences respected), what it says, and the tokens Expo gives up on —
 * at once from a ticket, later from a receipt — deleted.
 */
import assert from 'node:assert/strict'
import { sentPushMessages, unregisterPushToken } from '../../../scripts/sandbox/expo.ts'
import { completeCall, type VapiCallRecord } from '../_shared/call-records.ts'
import { memberWithRole, testEnv } from '../_shared/testing.ts'
import type { JobsDeps } from './deps.ts'
import { jobsOf, makeDue, runTenantJobs, silentVoiceTenant, withJobsDeps } from './test-kit.ts'

const expo = () => testEnv().EXPO_PUSH_URL!

async function device(deps: JobsDeps, userId: string): Promise<string> {
  const token = `ExponentPushToken[${crypto.randomUUID().replaceAll('-', '')}]`
  await deps.db.asService((tx) =>
    tx`insert into public.push_devices (user_id, token, platform) values (${userId}, ${token}, 'ios')`
  )
  return token
}

async function devices(deps: JobsDeps, tokens: string[]) {
  const rows = await deps.db.asService((tx) =>
    tx<{ token: string; last_used_at: Date | null }[]>`
      select token, last_used_at from public.push_devices where token in ${tx(tokens)}`
  )
  return new Map(rows.map((r) => [r.token, r.last_used_at]))
}

/** Vapi's Call as GET /call answers it for an inbound call from a French mobile. */
function vapiCall(assistantId: string, fields: Partial<VapiCallRecord>): VapiCallRecord {
  const startedAt = new Date(Date.now() - 120_000).toISOString()
  return {
    id: crypto.randomUUID(),
    type: 'inboundPhoneCall',
    status: 'ended',
    assistantId,
    customer: { number: '+33612345678' },
    createdAt: startedAt,
    startedAt,
    endedAt: new Date().toISOString(),
    ...fields,
  }
}

Deno.test('push.call: members are told of the call, as they asked; dead tokens are removed', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, owner, vapiAssistantId } = await silentVoiceTenant(deps)
    const quiet = await memberWithRole(deps, tenant.id, 'agent')
    const leaving = await memberWithRole(deps, tenant.id, 'agent')
    const later = await memberWithRole(deps, tenant.id, 'viewer')
    const tokens = {
      owner: await device(deps, owner.id),
      quiet: await device(deps, quiet.user.id),
      leaving: await device(deps, leaving.user.id),
      later: await device(deps, later.user.id),
    }
    await deps.db.asService((tx) =>
      tx`insert into public.notification_preferences (tenant_id, user_id, kind, push)
         values (${tenant.id}, ${quiet.user.id}, 'call_completed', false)`
    )
    await unregisterPushToken(expo(), tokens.leaving)

    const { callId } = await deps.db.asService((tx) =>
      completeCall(
        tx,
        tenant.id,
        vapiCall(vapiAssistantId, {
          endedReason: 'customer-ended-call',
          analysis: { summary: 'Wants an appointment on Monday morning.' },
          artifact: { messages: [{ role: 'user', message: 'Hello, I would like an appointment' }] },
        }),
      )
    )
    await runTenantJobs(deps, tenant.id, ['push.call'])

    const [sent] = await sentPushMessages(expo(), tokens.owner)
    assert.equal(sent.title, 'New call from +33 6 12 34 56 78')
    assert.equal(sent.body, 'Wants an appointment on Monday morning.')
    assert.deepEqual(sent.data, { call_id: callId, tenant_id: tenant.id })
    assert.equal((await sentPushMessages(expo(), tokens.later)).length, 1)
    assert.deepEqual(await sentPushMessages(expo(), tokens.quiet), [], 'pushes of completed calls turned off')

    const after = await devices(deps, Object.values(tokens))
    assert.equal(after.has(tokens.leaving), false, 'DeviceNotRegistered at once: the token is deleted')
    assert.ok(after.get(tokens.owner), 'last_used_at is set')
    assert.equal(after.get(tokens.quiet), null, 'not sent to, not touched')

    const [receipts] = await jobsOf(deps, tenant.id, 'push.receipts')
    assert.equal(receipts.state, 'queued')
    const tickets = receipts.payload.tickets as { token: string }[]
    assert.deepEqual(tickets.map((t) => t.token).sort(), [tokens.owner, tokens.later].sort())
    const delay = receipts.next_run_at.getTime() - Date.now()
    assert.ok(delay > 0 && delay <= Number(testEnv().PUSH_RECEIPT_DELAY_S) * 1000, `${delay} ms`)

    // The app is removed from a phone after the push went out: its receipt says so.
    await unregisterPushToken(expo(), tokens.later)
    await makeDue(deps, tenant.id)
    await runTenantJobs(deps, tenant.id, ['push.receipts'])
    assert.equal((await jobsOf(deps, tenant.id, 'push.receipts'))[0].state, 'done')
    const final = await devices(deps, [tokens.owner, tokens.later])
    assert.equal(final.has(tokens.later), false, 'DeviceNotRegistered in a receipt: the token is deleted')
    assert.ok(final.has(tokens.owner))
  })
})

Deno.test('push.call: a missed call says so, with why it ended in plain words', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, owner, vapiAssistantId } = await silentVoiceTenant(deps)
    const quiet = await memberWithRole(deps, tenant.id, 'agent')
    const ownerToken = await device(deps, owner.id)
    const quietToken = await device(deps, quiet.user.id)
    await deps.db.asService((tx) =>
      tx`insert into public.notification_preferences (tenant_id, user_id, kind, push)
         values (${tenant.id}, ${quiet.user.id}, 'call_completed', false)`
    )
    await deps.db.asService((tx) =>
      completeCall(tx, tenant.id, vapiCall(vapiAssistantId, { endedReason: 'customer-did-not-answer' }))
    )
    await runTenantJobs(deps, tenant.id, ['push.call'])
    for (const token of [ownerToken, quietToken]) {
      const [sent] = await sentPushMessages(expo(), token)
      assert.equal(sent?.title, 'Missed call from +33 6 12 34 56 78', 'missed calls are still pushed to both')
      assert.equal(sent.body, 'Nobody answered')
    }
  })
})

Deno.test('push.call: a call erased before the push, or a tenant nobody listens to, sends nothing', async () => {
  await withJobsDeps(async (deps) => {
    const { tenant, owner, vapiAssistantId } = await silentVoiceTenant(deps)
    const { callId } = await deps.db.asService((tx) =>
      completeCall(tx, tenant.id, vapiCall(vapiAssistantId, { endedReason: 'customer-ended-call' }))
    )
    await runTenantJobs(deps, tenant.id, ['push.call'])
    assert.equal((await jobsOf(deps, tenant.id, 'push.call'))[0].state, 'done', 'no device: nothing to do')

    const token = await device(deps, owner.id)
    await deps.db.asService((tx) => tx`delete from public.calls where id = ${callId}`)
    await deps.db.asService((tx) =>
      tx`insert into public.jobs (tenant_id, kind, payload)
         values (${tenant.id}, 'push.call', ${tx.json({ call_id: callId, kind: 'call_completed' })})`
    )
    await runTenantJobs(deps, tenant.id, ['push.call'])
    assert.deepEqual(await sentPushMessages(expo(), token), [])
  })
})
