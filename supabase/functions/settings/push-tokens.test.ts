/**
 * The signed-in user's phones for push notifications: registered idempotently, listed and deleted by their
 * owner only, and moved to whoever registers the same token next (the phone changed hands).
 */
import assert from 'node:assert/strict'
import type { PushDevice } from '../../../shared/contracts/settings.ts'
import { call, expectProblem, signUp, withTestDeps } from '../_shared/testing.ts'
import settings from './handler.ts'

const PATH = '/settings/push-tokens'
const newToken = () => `ExponentPushToken[${crypto.randomUUID().replaceAll('-', '').slice(0, 22)}]`

Deno.test('settings push tokens: register (idempotent), list, delete; no tenant needed', () =>
  withTestDeps(settings, async ({ handler }) => {
    const user = await signUp('phone')
    const token = newToken()
    const first = await call<PushDevice>(handler, 'POST', PATH, {
      token: user.token,
      body: { token, platform: 'ios', device_name: "Jordan's iPhone" },
    })
    assert.equal(first.status, 201, first.text)
    assert.equal(first.body.token, token)
    assert.equal(first.body.platform, 'ios')
    assert.equal(first.body.device_name, "Jordan's iPhone")
    assert.ok(first.body.last_used_at)

    const again = await call<PushDevice>(handler, 'POST', PATH, {
      token: user.token,
      body: { token, platform: 'ios', device_name: 'Renamed' },
    })
    assert.equal(again.status, 201, again.text)
    assert.equal(again.body.id, first.body.id, 'the same device')
    assert.equal(again.body.device_name, 'Renamed')

    const second = await call<PushDevice>(handler, 'POST', PATH, {
      token: user.token,
      body: { token: newToken() },
    })
    assert.equal(second.body.platform, null)
    const list = await call<{ items: PushDevice[] }>(handler, 'GET', PATH, { token: user.token })
    assert.equal(list.status, 200, list.text)
    assert.deepEqual(list.body.items.map((d) => d.id), [second.body.id, first.body.id])

    const removed = await call(handler, 'DELETE', `${PATH}/${first.body.id}`, { token: user.token })
    assert.equal(removed.status, 204, removed.text)
    await expectProblem(
      handler,
      'DELETE',
      `${PATH}/${first.body.id}`,
      { token: user.token },
      404,
      'push_token_not_found',
    )
    const after = await call<{ items: PushDevice[] }>(handler, 'GET', PATH, { token: user.token })
    assert.deepEqual(after.body.items.map((d) => d.id), [second.body.id])
  }))

Deno.test("settings push tokens: a token registered by another user moves to the new one; nobody deletes another's", () =>
  withTestDeps(settings, async ({ handler }) => {
    const alice = await signUp('alice')
    const bob = await signUp('bob')
    const token = newToken()
    const mine = await call<PushDevice>(handler, 'POST', PATH, { token: alice.token, body: { token } })
    await expectProblem(
      handler,
      'DELETE',
      `${PATH}/${mine.body.id}`,
      { token: bob.token },
      404,
      'push_token_not_found',
    )
    const bobs = await call<{ items: PushDevice[] }>(handler, 'GET', PATH, { token: bob.token })
    assert.deepEqual(bobs.body.items, [], "bob does not see alice's phone")

    const moved = await call<PushDevice>(handler, 'POST', PATH, { token: bob.token, body: { token } })
    assert.equal(moved.status, 201, moved.text)
    assert.equal(moved.body.id, mine.body.id, 'the same row, now bob’s')
    const alices = await call<{ items: PushDevice[] }>(handler, 'GET', PATH, { token: alice.token })
    assert.deepEqual(alices.body.items, [])
    assert.deepEqual(
      (await call<{ items: PushDevice[] }>(handler, 'GET', PATH, { token: bob.token })).body.items.map((d) =>
        d.token
      ),
      [token],
    )
  }))

Deno.test('settings push tokens: a malformed token or id is a 400 naming the field; no token is a 401', () =>
  withTestDeps(settings, async ({ handler }) => {
    const user = await signUp('phone')
    const bad = await expectProblem(
      handler,
      'POST',
      PATH,
      { token: user.token, body: { token: 'not-a-token', platform: 'blackberry' } },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors!.map((e) => e.field), ['token', 'platform'])
    const id = await expectProblem(
      handler,
      'DELETE',
      `${PATH}/nope`,
      { token: user.token },
      400,
      'validation_failed',
    )
    assert.deepEqual(id.errors!.map((e) => e.field), ['path.id'])
    await expectProblem(handler, 'GET', PATH, {}, 401, 'missing_token')
  }))
