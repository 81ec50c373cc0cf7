/** The overview's figures on a known dataset, with calls on both sides of midnight in Paris. */
import assert from 'node:assert/strict'
import type { CallsOverview } from '../../../shared/contracts/calls.ts'
import { call, expectProblem, ownerWithTenant } from '../_shared/testing.ts'
import { insertCalls, withCalls } from './testing.ts'

Deno.test("calls overview: totals, missed, costs, per day and per hour in the tenant's time zone", () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    await insertCalls(deps, tenant.id, [
      // 00:30 on the 10th in Paris (still the 9th in UTC): inside.
      { started_at: '2026-03-09T23:30:00Z', duration_s: 60, cost: 0.1, success_evaluation: 'true' },
      // 23:59 on the 10th in Paris.
      {
        started_at: '2026-03-10T22:59:00Z',
        ended_reason: 'customer-busy',
        duration_s: 0,
        cost: 0,
        success_evaluation: null,
      },
      { started_at: '2026-03-11T08:00:00Z', duration_s: 120, cost: 0.2, success_evaluation: 'false' },
      {
        started_at: '2026-03-11T08:30:00Z',
        ended_reason: 'customer-did-not-answer',
        duration_s: null,
        cost: null,
        success_evaluation: null,
      },
      // Still under way: in the total only.
      {
        started_at: '2026-03-12T10:00:00Z',
        status: 'in-progress',
        ended_at: null,
        duration_s: null,
        ended_reason: null,
        cost: null,
        success_evaluation: null,
      },
      // 00:00 on the 13th and 23:59 on the 9th in Paris: outside.
      { started_at: '2026-03-12T23:00:00Z', cost: 5 },
      { started_at: '2026-03-09T22:59:00Z', cost: 5 },
      // This month's, for cost_this_month.
      { started_at: new Date().toISOString(), cost: 1.5 },
    ])
    const res = await call<CallsOverview>(handler, 'GET', '/calls/overview?from=2026-03-10&to=2026-03-12', {
      ...as,
    })
    assert.equal(res.status, 200, res.text)
    const o = res.body
    assert.deepEqual(
      [o.from, o.to, o.time_zone, o.total, o.answered, o.missed],
      ['2026-03-10', '2026-03-12', 'Europe/Paris', 5, 2, 2],
    )
    assert.equal(o.average_duration_s, 90, 'among answered calls')
    assert.equal(o.cost, 0.3)
    assert.equal(o.cost_this_month, 1.5)
    assert.equal(o.success_rate, 0.5, 'one of the two evaluated calls')
    assert.deepEqual(o.per_day, [
      { day: '2026-03-10', total: 2, answered: 1, missed: 1 },
      { day: '2026-03-11', total: 2, answered: 1, missed: 1 },
      { day: '2026-03-12', total: 1, answered: 0, missed: 0 },
    ])
    assert.deepEqual(o.ended_reasons, [
      { ended_reason: 'customer-ended-call', count: 2 },
      { ended_reason: 'customer-busy', count: 1 },
      { ended_reason: 'customer-did-not-answer', count: 1 },
    ])
    assert.equal(o.busiest_hours.length, 24)
    assert.deepEqual(o.busiest_hours.filter((h) => h.count > 0), [
      { hour: 0, count: 1 },
      { hour: 9, count: 2 },
      { hour: 11, count: 1 },
      { hour: 23, count: 1 },
    ])
  }))

Deno.test('calls overview: the last 30 days by default, zeros included; bad ranges are 400s', () =>
  withCalls(async ({ deps, handler }) => {
    const { as } = await ownerWithTenant(deps)
    const res = await call<CallsOverview>(handler, 'GET', '/calls/overview', { ...as })
    assert.equal(res.status, 200, res.text)
    const o = res.body
    assert.equal(o.per_day.length, 30)
    assert.deepEqual([o.per_day[0].day, o.per_day[29].day], [o.from, o.to])
    assert.deepEqual([o.total, o.average_duration_s, o.success_rate, o.cost], [0, null, null, 0])
    assert.deepEqual(o.ended_reasons, [])
    assert.ok(o.busiest_hours.every((h, i) => h.hour === i && h.count === 0))

    const one = await call<CallsOverview>(handler, 'GET', '/calls/overview?from=2026-02-28&to=2026-03-01', {
      ...as,
    })
    assert.deepEqual(one.body.per_day.map((d) => d.day), ['2026-02-28', '2026-03-01'])

    const reversed = await expectProblem(
      handler,
      'GET',
      '/calls/overview?from=2026-03-02&to=2026-03-01',
      as,
      400,
      'validation_failed',
    )
    assert.equal(reversed.errors?.[0].field, 'query.to')
    const long = await expectProblem(
      handler,
      'GET',
      '/calls/overview?from=2020-01-01&to=2026-01-01',
      as,
      400,
      'validation_failed',
    )
    assert.equal(long.errors?.[0].field, 'query.from')
  }))
