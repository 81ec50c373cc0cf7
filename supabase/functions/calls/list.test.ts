/**
 * The list: every filter (days in the tenant's time zone, assistant, number, ended reason, success, words in
 * French and English), keyset pages that neither skip nor repeat, the live calls, and isolation.
 */
import assert from 'node:assert/strict'
import type { CallSummary } from '../../../shared/contracts/calls.ts'
import { call, expectProblem, memberWithRole, ownerWithTenant } from '../_shared/testing.ts'
import { insertAssistant, insertCall, insertCalls, insertNumber, withCalls } from './testing.ts'

type Page = { items: CallSummary[]; next_cursor: string | null }

Deno.test("calls list: every filter, days in the tenant's time zone (Europe/Paris)", () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const [frontDesk, night] = [
      await insertAssistant(deps, tenant.id, 'Front desk'),
      await insertAssistant(deps, tenant.id, 'Night'),
    ]
    const line = await insertNumber(deps, tenant.id, '+33170000001')
    const [a, b, c] = await insertCalls(deps, tenant.id, [
      { started_at: '2026-03-10T10:00:00Z', assistant_id: frontDesk, phone_number_id: line },
      // 23:30 UTC on the 11th is 00:30 on the 12th in Paris.
      {
        started_at: '2026-03-11T23:30:00Z',
        assistant_id: night,
        ended_reason: 'customer-did-not-answer',
        success_evaluation: null,
        summary: null,
        transcript: null,
      },
      {
        started_at: '2026-03-12T12:00:00Z',
        success_evaluation: 'false',
        summary: 'The caller asked about opening hours.',
        transcript: 'User: I would like to book two appointments next week.',
      },
    ])
    const ids = async (query: string) => {
      const res = await call<Page>(handler, 'GET', `/calls${query}`, { ...as })
      assert.equal(res.status, 200, res.text)
      return res.body.items.map((i) => i.id)
    }
    assert.deepEqual(await ids(''), [c, b, a], 'newest first')
    assert.deepEqual(await ids('?from=2026-03-12&to=2026-03-12'), [c, b], 'the 12th in Paris holds b')
    assert.deepEqual(await ids('?to=2026-03-11'), [a])
    assert.deepEqual(await ids('?from=2026-03-11'), [c, b])
    assert.deepEqual(await ids(`?assistant_id=${frontDesk}`), [a])
    assert.deepEqual(await ids(`?phone_number_id=${line}`), [a])
    assert.deepEqual(await ids('?ended_reason=customer-did-not-answer'), [b])
    assert.deepEqual(await ids('?success=true'), [a])
    assert.deepEqual(await ids('?success=false'), [c])
    assert.deepEqual(await ids('?success=unknown'), [b])
    assert.deepEqual(await ids(`?success=true&assistant_id=${night}`), [], 'filters are and-ed')

    // Stemming in both languages: "rendez" finds "rendez-vous", "appointment" finds "appointments".
    assert.deepEqual(await ids('?q=rendez'), [a])
    assert.deepEqual(await ids('?q=rendez-vous'), [a])
    assert.deepEqual(await ids('?q=contr%C3%B4les'), [a], 'French plural to singular')
    assert.deepEqual(await ids('?q=appointment'), [c])
    assert.deepEqual(await ids('?q=booking%20appointments'), [c])
    assert.deepEqual(await ids('?q=%22opening%20hours%22'), [c], 'a quoted phrase')
    assert.deepEqual(await ids('?q=appointment%20-hours'), [], 'websearch syntax: minus excludes')
    assert.deepEqual(await ids('?q=dentiste'), [])

    const first = await call<Page>(handler, 'GET', '/calls?from=2026-03-12&to=2026-03-12', { ...as })
    assert.equal(first.body.items[0].cost, 0.0731, 'cost is a number')
    assert.equal(first.body.items[1].started_at, '2026-03-11T23:30:00.000Z')

    await expectProblem(handler, 'GET', '/calls?from=2026-03-12&to=2026-03-11', as, 400, 'validation_failed')
    await expectProblem(handler, 'GET', '/calls?success=maybe', as, 400, 'validation_failed')
    await expectProblem(handler, 'GET', '/calls?from=12/03/2026', as, 400, 'validation_failed')
    await expectProblem(handler, 'GET', '/calls?cursor=bm9wZQ', as, 400, 'validation_failed')
  }))

Deno.test('calls list: keyset pages neither skip nor repeat, ties on started_at included', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const base = Date.parse('2026-04-01T08:00:00Z')
    // 23 calls, some sharing one started_at to the microsecond: the id breaks the tie.
    const seeds = Array.from({ length: 23 }, (_, i) => ({
      started_at: new Date(base + Math.floor(i / 3) * 60_000).toISOString().replace('.000Z', '.000123Z'),
    }))
    const inserted = await insertCalls(deps, tenant.id, seeds)
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = cursor ? `?limit=5&cursor=${cursor}` : '?limit=5'
      const res = await call<Page>(handler, 'GET', `/calls${query}`, { ...as })
      assert.equal(res.status, 200, res.text)
      seen.push(...res.body.items.map((i) => i.id))
      cursor = res.body.next_cursor
      pages++
      // A call arriving meanwhile (newer than every page) must not shift the pages.
      if (pages === 2) await insertCall(deps, tenant.id, { started_at: new Date().toISOString() })
    } while (cursor)
    assert.equal(pages, 5)
    assert.equal(seen.length, 23, 'no repeat')
    assert.deepEqual(new Set(seen), new Set(inserted), 'no skip')
  }))

Deno.test('calls live: only calls not ended, newest first', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const [ringing, inProgress] = await insertCalls(deps, tenant.id, [
      {
        status: 'ringing',
        started_at: '2026-05-01T10:00:00Z',
        ended_at: null,
        duration_s: null,
        ended_reason: null,
      },
      {
        status: 'in-progress',
        started_at: '2026-05-01T10:01:00Z',
        ended_at: null,
        duration_s: null,
        ended_reason: null,
      },
      { started_at: '2026-05-01T10:02:00Z' },
    ])
    const res = await call<{ items: CallSummary[] }>(handler, 'GET', '/calls/live', { ...as })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.body.items.map((i) => [i.id, i.status]), [[inProgress, 'in-progress'], [
      ringing,
      'ringing',
    ]])
  }))

Deno.test("calls: tenant B's members see none of A's calls; a viewer reads; a stranger gets 404", () =>
  withCalls(async ({ deps, handler }) => {
    const a = await ownerWithTenant(deps)
    const b = await ownerWithTenant(deps)
    const secret = await insertCall(deps, a.tenant.id, { summary: 'Rendez-vous confidentiel' })
    await insertCall(deps, b.tenant.id)

    const list = await call<Page>(handler, 'GET', '/calls?q=confidentiel', { ...b.as })
    assert.deepEqual(list.body.items, [], "B's search finds nothing of A's")
    await expectProblem(handler, 'GET', `/calls/${secret}`, b.as, 404, 'call_not_found')
    await expectProblem(handler, 'GET', `/calls/${secret}/recording`, b.as, 404, 'call_not_found')
    // B's member naming A's tenant: not a member there, so 404 for the tenant itself.
    await expectProblem(handler, 'GET', '/calls', { ...b.as, tenant: a.tenant.id }, 404, 'tenant_not_found')
    await expectProblem(
      handler,
      'POST',
      '/calls/callers/erase',
      {
        ...b.as,
        tenant: a.tenant.id,
        body: { number: '+33612345678' },
      },
      404,
      'tenant_not_found',
    )
    // B erasing that number in B deletes B's call only.
    const erased = await call(handler, 'POST', '/calls/callers/erase', {
      ...b.as,
      body: { number: '+33612345678' },
    })
    assert.equal(erased.status, 200, erased.text)
    assert.equal(erased.body.calls, 1)
    const still = await call<Page>(handler, 'GET', '/calls', { ...a.as })
    assert.deepEqual(still.body.items.map((i) => i.id), [secret])

    const viewer = await memberWithRole(deps, a.tenant.id, 'viewer')
    const seen = await call<Page>(handler, 'GET', '/calls', { ...viewer.as })
    assert.deepEqual(seen.body.items.map((i) => i.id), [secret])
  }))
