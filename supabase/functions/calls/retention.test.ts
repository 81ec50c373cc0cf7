/** Retention: forever by default, recordings never longer than calls, settings.manage to change, audited. */
import assert from 'node:assert/strict'
import { auditTrail, call, expectProblem, memberWithRole, ownerWithTenant } from '../_shared/testing.ts'
import { withCalls } from './testing.ts'

Deno.test('calls retention: get, put, validation naming the field, permissions, audit', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const initial = await call(handler, 'GET', '/calls/retention', { ...as })
    assert.deepEqual(initial.body, { calls_days: null, recordings_days: null }, 'no row: forever')

    const longer = await expectProblem(
      handler,
      'PUT',
      '/calls/retention',
      {
        ...as,
        body: { calls_days: 30, recordings_days: 60 },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(longer.errors?.map((e) => [e.field, e.code]), [[
      'recordings_days',
      'exceeds_calls_days',
    ]])
    const zero = await expectProblem(
      handler,
      'PUT',
      '/calls/retention',
      {
        ...as,
        body: { calls_days: 0, recordings_days: null },
      },
      400,
      'validation_failed',
    )
    assert.equal(zero.errors?.[0].field, 'calls_days')
    await expectProblem(
      handler,
      'PUT',
      '/calls/retention',
      { ...as, body: { calls_days: 30 } },
      400,
      'validation_failed',
    )

    const saved = await call(handler, 'PUT', '/calls/retention', {
      ...as,
      body: { calls_days: 365, recordings_days: 30 },
    })
    assert.equal(saved.status, 200, saved.text)
    assert.deepEqual(saved.body, { calls_days: 365, recordings_days: 30 })
    const again = await call(handler, 'PUT', '/calls/retention', {
      ...as,
      body: { calls_days: 90, recordings_days: null },
    })
    assert.deepEqual(again.body, { calls_days: 90, recordings_days: null }, 'recordings go with their calls')

    const viewer = await memberWithRole(deps, tenant.id, 'viewer')
    assert.deepEqual((await call(handler, 'GET', '/calls/retention', { ...viewer.as })).body, again.body)
    await expectProblem(
      handler,
      'PUT',
      '/calls/retention',
      {
        ...viewer.as,
        body: { calls_days: 1, recordings_days: 1 },
      },
      403,
      'forbidden',
    )
    const agent = await memberWithRole(deps, tenant.id, 'agent')
    await expectProblem(handler, 'GET', '/calls/retention', agent.as, 403, 'forbidden')

    const trail = (await auditTrail(deps, tenant.id)).filter((e) => e.action === 'calls.retention.saved')
    assert.equal(trail.length, 2)
    assert.deepEqual(trail[1].details, {
      before: { calls_days: 365, recordings_days: 30 },
      after: { calls_days: 90, recordings_days: null },
    })
  }))
