/**
 * The CSV export: RFC 4180 quoting, formula injection defused, the tenant's local times, a few thousand rows
 * streamed in batches, and the calls.export permission.
 */
import assert from 'node:assert/strict'
import { call, expectProblem, memberWithRole, ownerWithTenant, request } from '../_shared/testing.ts'
import { csvCell, csvRow } from './csv.ts'
import { insertAssistant, insertCalls, withCalls } from './testing.ts'

/** The body as sent, byte order mark included (Response.text() drops it). */
const utf8 = (bytes: ArrayBuffer) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)

/** A minimal RFC 4180 reader, to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"', i++)
      else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') (row.push(cell), cell = '')
    else if (ch === '\r' && text[i + 1] === '\n') (row.push(cell), rows.push(row), row = [], cell = '', i++)
    else cell += ch
  }
  return rows
}

Deno.test('csv: quoting and formula injection', () => {
  assert.equal(csvCell('plain'), 'plain')
  assert.equal(csvCell('a,b'), '"a,b"')
  assert.equal(csvCell('say "hi"'), '"say ""hi"""')
  assert.equal(csvCell('two\nlines'), '"two\nlines"')
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`)
  assert.equal(csvCell('+33612345678'), "'+33612345678")
  assert.equal(csvCell('-1'), "'-1")
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)")
  assert.equal(csvCell('\t=1'), "'\t=1")
  assert.equal(csvCell(-1.5), '-1.5', 'our own numbers stay numbers')
  assert.equal(csvCell(null), '')
  assert.equal(csvRow(['a', null, 3]), 'a,,3\r\n')
})

Deno.test('calls export: header, local times, quoting, injection, success words, filters', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const desk = await insertAssistant(deps, tenant.id, 'Accueil, "principal"')
    await insertCalls(deps, tenant.id, [
      {
        started_at: '2026-06-01T07:30:00Z',
        assistant_id: desk,
        summary: '=cmd|\' /C calc\'!A0, then "quoted"\nand a new line',
        from_number: '+33612345678',
        cost: 0.5,
        duration_s: 30,
      },
      {
        started_at: '2026-06-02T08:00:00Z',
        success_evaluation: null,
        summary: null,
        cost: null,
        from_number: null,
      },
      { started_at: '2026-07-01T08:00:00Z' },
    ])
    const res = await handler(request('GET', '/calls/export?from=2026-06-01&to=2026-06-30', { ...as }))
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8')
    assert.equal(
      res.headers.get('content-disposition'),
      'attachment; filename="calls-2026-06-01-2026-06-30.csv"',
    )
    const text = utf8(await res.arrayBuffer())
    assert.ok(text.startsWith('\uFEFF'), 'a byte order mark for spreadsheets')
    const rows = parseCsv(text.slice(1))
    assert.deepEqual(rows[0], [
      'started_at',
      'from',
      'to',
      'assistant',
      'duration_s',
      'cost',
      'ended_reason',
      'success',
      'summary',
    ])
    assert.equal(rows.length, 3, 'the header and the two June calls')
    assert.deepEqual(rows[1], [
      '2026-06-02T10:00:00+02:00',
      '',
      "'+33170000000",
      '',
      '74',
      '',
      'customer-ended-call',
      'unknown',
      '',
    ])
    assert.deepEqual(rows[2], [
      '2026-06-01T09:30:00+02:00',
      "'+33612345678",
      "'+33170000000",
      'Accueil, "principal"',
      '30',
      '0.5',
      'customer-ended-call',
      'true',
      "'=cmd|' /C calc'!A0, then \"quoted\"\nand a new line",
    ])
    assert.ok(text.includes('"Accueil, ""principal"""'), 'RFC 4180 quoting on the wire')

    // Without a range: named from "all" to today.
    const all = await handler(request('GET', '/calls/export', { ...as }))
    assert.match(all.headers.get('content-disposition')!, /filename="calls-all-\d{4}-\d\d-\d\d\.csv"/)
    assert.equal(parseCsv(utf8(await all.arrayBuffer()).slice(1)).length, 4)
  }))

Deno.test('calls export: a few thousand rows stream in batches, newest first, none lost', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const base = Date.parse('2026-01-01T00:00:00Z')
    const count = 2500
    await insertCalls(
      deps,
      tenant.id,
      Array.from({ length: count }, (_, i) => ({
        started_at: new Date(base + i * 60_000).toISOString(),
        summary: `Appel numéro ${i}`,
      })),
    )
    const res = await handler(request('GET', '/calls/export?q=appel', { ...as }))
    assert.equal(res.status, 200)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
    let chunks = 0
    let text = ''
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks++
      text += decoder.decode(value, { stream: true })
    }
    assert.ok(chunks >= 3, `several chunks (batches of 1000), got ${chunks}`)
    assert.ok(text.startsWith('\uFEFFstarted_at,'))
    const rows = parseCsv(text.slice(1))
    assert.equal(rows.length, count + 1)
    const numbers = rows.slice(1).map((r) => Number(r[8].replace('Appel numéro ', '')))
    assert.deepEqual(numbers, Array.from({ length: count }, (_, i) => count - 1 - i), 'newest first, no gap')
  }))

Deno.test('calls export: viewers and agents may not export (calls.export)', () =>
  withCalls(async ({ deps, handler }) => {
    const { tenant } = await ownerWithTenant(deps)
    for (const role of ['viewer', 'agent'] as const) {
      const member = await memberWithRole(deps, tenant.id, role)
      const problem = await expectProblem(handler, 'GET', '/calls/export', member.as, 403, 'forbidden')
      assert.match(problem.detail ?? '', /calls\.export/)
    }
    const admin = await memberWithRole(deps, tenant.id, 'admin')
    assert.equal((await call(handler, 'GET', '/calls/overview', admin.as)).status, 200)
    const res = await handler(request('GET', '/calls/export', { ...admin.as }))
    assert.equal(res.status, 200, 'an admin exports')
    await res.body?.cancel()
  }))
