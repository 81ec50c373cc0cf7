/**
 * The bell: my notifications in this tenant, newest first with the unread count, marking some or all read,
 * and the preferences (everything on without a row) with my phones' count. Nobody reads or marks another
 * member's, nor another tenant's.
 */
import assert from 'node:assert/strict'
import type { NotificationPreferences, NotificationsPage } from '../../../shared/contracts/notifications.ts'
import type { CoreDeps } from '../_shared/deps.ts'
import {
  addMember,
  call,
  expectProblem,
  memberWithRole,
  ownerWithTenant,
  withTestDeps,
} from '../_shared/testing.ts'
import notifications from './handler.ts'

/** A call of the tenant and the in-app notifications the webhook would create for its members. */
async function notifyCall(deps: CoreDeps, tenant: string, kind = 'call_completed'): Promise<string> {
  return await deps.db.asService(async (tx) => {
    const [{ id }] = await tx<{ id: string }[]>`
      insert into public.calls (tenant_id, vapi_call_id, started_at, status)
      values (${tenant}, ${`call_${crypto.randomUUID()}`}, now(), 'ended') returning id`
    await tx`select private.notify_call(${id}, ${kind}, 'Appel de +33612345678', 'Rendez-vous mardi')`
    return id
  })
}

Deno.test('notifications: list newest first with the unread count, pages, mark some and all read', () =>
  withTestDeps(notifications, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const calls = []
    for (let i = 0; i < 5; i++) {
      calls.push(await notifyCall(deps, tenant.id, i === 2 ? 'call_missed' : 'call_completed'))
    }

    const first = await call<NotificationsPage>(handler, 'GET', '/notifications?limit=3', { ...as })
    assert.equal(first.status, 200, first.text)
    assert.equal(first.body.unread, 5)
    assert.deepEqual(first.body.items.map((n) => n.call_id), calls.slice(2).reverse())
    assert.equal(first.body.items[2].kind, 'call_missed')
    const second = await call<NotificationsPage>(
      handler,
      'GET',
      `/notifications?limit=3&cursor=${first.body.next_cursor}`,
      {
        ...as,
      },
    )
    assert.deepEqual(second.body.items.map((n) => n.call_id), calls.slice(0, 2).reverse())
    assert.equal(second.body.next_cursor, null)

    const some = await call(handler, 'POST', '/notifications/read', {
      ...as,
      body: { ids: [first.body.items[0].id, first.body.items[1].id] },
    })
    assert.deepEqual(some.body, { unread: 3 })
    const after = await call<NotificationsPage>(handler, 'GET', '/notifications', { ...as })
    assert.ok(after.body.items[0].read_at && !after.body.items[2].read_at)
    assert.deepEqual(
      (await call(handler, 'POST', '/notifications/read', { ...as, body: { all: true } })).body,
      {
        unread: 0,
      },
    )
    await expectProblem(
      handler,
      'POST',
      '/notifications/read',
      { ...as, body: { ids: [] } },
      400,
      'validation_failed',
    )
    await expectProblem(
      handler,
      'POST',
      '/notifications/read',
      { ...as, body: { all: false } },
      400,
      'validation_failed',
    )
  }))

Deno.test("notifications: a member sees only their own; B's member cannot read or mark A's", () =>
  withTestDeps(notifications, async ({ deps, handler }) => {
    const a = await ownerWithTenant(deps)
    const b = await ownerWithTenant(deps)
    const viewer = await memberWithRole(deps, a.tenant.id, 'viewer')
    await notifyCall(deps, a.tenant.id)
    const mine = await call<NotificationsPage>(handler, 'GET', '/notifications', { ...a.as })
    const theirs = await call<NotificationsPage>(handler, 'GET', '/notifications', { ...viewer.as })
    assert.equal(mine.body.items.length, 1)
    assert.equal(theirs.body.items.length, 1, 'the viewer got their own')
    assert.notEqual(mine.body.items[0].id, theirs.body.items[0].id)

    // The viewer marking the owner's notification changes nothing.
    assert.deepEqual(
      (await call(handler, 'POST', '/notifications/read', {
        ...viewer.as,
        body: { ids: [mine.body.items[0].id] },
      }))
        .body,
      { unread: 1 },
    )
    // B's owner, in B, naming A's notification: nothing; in A: not a member.
    await call(handler, 'POST', '/notifications/read', { ...b.as, body: { ids: [mine.body.items[0].id] } })
    await expectProblem(
      handler,
      'GET',
      '/notifications',
      { ...b.as, tenant: a.tenant.id },
      404,
      'tenant_not_found',
    )
    assert.equal(
      (await call<NotificationsPage>(handler, 'GET', '/notifications', { ...a.as })).body.unread,
      1,
    )
    assert.deepEqual(
      (await call<NotificationsPage>(handler, 'GET', '/notifications', { ...b.as })).body.items,
      [],
    )

    // A member of both tenants sees each tenant's apart.
    await addMember(deps, b.tenant.id, viewer.user, 'viewer')
    await notifyCall(deps, b.tenant.id)
    const inB = await call<NotificationsPage>(handler, 'GET', '/notifications', {
      ...viewer.as,
      tenant: b.tenant.id,
    })
    assert.deepEqual([inB.body.items.length, inB.body.unread], [1, 1])
    const inA = await call<NotificationsPage>(handler, 'GET', '/notifications', { ...viewer.as })
    assert.deepEqual([inA.body.items.length, inA.body.unread], [1, 1])
  }))

Deno.test('notifications preferences: everything on by default, saved per kind, devices counted', () =>
  withTestDeps(notifications, async ({ deps, handler }) => {
    const { owner, tenant, as } = await ownerWithTenant(deps)
    const initial = await call<NotificationPreferences>(handler, 'GET', '/notifications/preferences', {
      ...as,
    })
    assert.deepEqual(initial.body, {
      items: [
        { kind: 'call_completed', in_app: true, push: true },
        { kind: 'call_missed', in_app: true, push: true },
      ],
      devices: 0,
    })
    await deps.db.asService((tx) =>
      tx`insert into public.push_devices (user_id, token, platform)
         values (${owner.id}, ${`ExponentPushToken[${crypto.randomUUID()}]`}, 'ios')`
    )
    const saved = await call<NotificationPreferences>(handler, 'PUT', '/notifications/preferences', {
      ...as,
      body: { items: [{ kind: 'call_completed', in_app: false, push: false }] },
    })
    assert.equal(saved.status, 200, saved.text)
    assert.deepEqual(saved.body, {
      items: [
        { kind: 'call_completed', in_app: false, push: false },
        { kind: 'call_missed', in_app: true, push: true },
      ],
      devices: 1,
    })
    // The webhook's notify_call honours it: no in-app notification of that kind any more.
    await notifyCall(deps, tenant.id, 'call_completed')
    assert.equal(
      (await call<NotificationsPage>(handler, 'GET', '/notifications', { ...as })).body.items.length,
      0,
    )

    const twice = await expectProblem(
      handler,
      'PUT',
      '/notifications/preferences',
      {
        ...as,
        body: {
          items: [
            { kind: 'call_missed', in_app: true, push: true },
            { kind: 'call_missed', in_app: false, push: true },
          ],
        },
      },
      400,
      'validation_failed',
    )
    assert.equal(twice.errors?.[0].field, 'items.1.kind')
    await expectProblem(
      handler,
      'PUT',
      '/notifications/preferences',
      {
        ...as,
        body: { items: [{ kind: 'sms', in_app: true, push: true }] },
      },
      400,
      'validation_failed',
    )

    // Another member's preferences are their own.
    const agent = await memberWithRole(deps, tenant.id, 'agent')
    const theirs = await call<NotificationPreferences>(handler, 'GET', '/notifications/preferences', {
      ...agent.as,
    })
    assert.ok(theirs.body.items.every((p) => p.in_app && p.push))
  }))
