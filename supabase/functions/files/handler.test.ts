import assert from 'node:assert/strict'
import type { KnowledgeFile } from '../../../shared/contracts/files.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type { Problem } from '../../../shared/contracts/problem.ts'
import type { CoreDeps } from '../_shared/deps.ts'
import {
  auditTrail,
  call,
  expectProblem,
  memberWithRole,
  ownerWithTenant,
  saveCredential,
  signUp,
  voiceTenant,
  withTestDeps,
} from '../_shared/testing.ts'
import files from './handler.ts'
import { DOCX_TYPE, samplePdf, samples, upload } from './testing.ts'

const KB_PURPOSE = { purpose: 'knowledge-base-v2' }
const text = (value: string) => new TextEncoder().encode(value)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The names of a tenant's file rows, read as the service role. */
async function fileRows(deps: CoreDeps, tenant: string): Promise<string[]> {
  const rows = await deps.db.asService((tx) =>
    tx<{ name: string }[]>`select name from public.files where tenant_id = ${tenant} order by created_at`
  )
  return rows.map((r) => r.name)
}

Deno.test('files: each accepted type uploads to Vapi, starts processing, then reads ready; audited', () =>
  withTestDeps(files, async ({ deps, handler }) => {
    const { owner, tenant, as, vapi } = await voiceTenant(deps)
    const uploaded: KnowledgeFile[] = []
    for (const sample of samples()) {
      const res = await upload<KnowledgeFile>(handler, as, sample)
      assert.equal(res.status, 201, `${sample.name}: ${res.text}`)
      assert.equal(res.body.name, sample.name)
      assert.equal(res.body.mime_type, sample.type)
      assert.equal(res.body.bytes, sample.bytes.length)
      assert.equal(res.body.status, 'processing')
      assert.deepEqual(res.body.used_by, [])
      uploaded.push(res.body)
    }

    // In the tenant's own Vapi organisation, with the tenant in its metadata and the bytes intact.
    const inVapi = await vapi.files.list(KB_PURPOSE)
    assert.deepEqual(inVapi.map((f) => f.id).sort(), uploaded.map((f) => f.vapi_id).sort())
    const pdf = inVapi.find((f) => f.id === uploaded[0].vapi_id)!
    assert.deepEqual(pdf.metadata, { tenant_id: tenant.id })
    assert.equal(pdf.bytes, samplePdf().length)
    assert.equal(pdf.mimetype, 'application/pdf')

    // Vapi finishes processing: a read refreshes the status and stores it.
    await sleep(400)
    const one = await call<KnowledgeFile>(handler, 'GET', `/files/${uploaded[1].id}`, as)
    assert.equal(one.status, 200, one.text)
    assert.equal(one.body.status, 'ready')
    const list = await call<Page<KnowledgeFile>>(handler, 'GET', '/files', as)
    assert.equal(list.status, 200, list.text)
    assert.deepEqual(
      list.body.items.map((f) => f.name),
      samples().map((s) => s.name).reverse(),
      'newest first',
    )
    assert.ok(list.body.items.every((f) => f.status === 'ready'))
    assert.equal(list.body.next_cursor, null)

    const audit = (await auditTrail(deps, tenant.id)).filter((a) => a.action.startsWith('files.'))
    assert.equal(audit.length, 5)
    assert.deepEqual(audit[0], {
      action: 'files.uploaded',
      target: `file:${uploaded[0].id}`,
      actor: owner.id,
      details: {
        name: 'hours.pdf',
        mime_type: 'application/pdf',
        bytes: samplePdf().length,
        vapi_id: pdf.id,
      },
    })
  }))

Deno.test('files: a refused type, size or content is a 4xx naming `file`, and nothing reaches Vapi', () =>
  withTestDeps(files, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await voiceTenant(deps)
    const refusals: [string, { name: string; type: string; bytes: Uint8Array }, number, string, string][] = [
      [
        'unknown extension',
        { name: 'setup.exe', type: 'application/pdf', bytes: samplePdf() },
        415,
        'unsupported_media_type',
        'unsupported_type',
      ],
      [
        'no extension',
        { name: 'README', type: 'text/plain', bytes: text('hi') },
        415,
        'unsupported_media_type',
        'unsupported_type',
      ],
      [
        'declared type disagrees',
        { name: 'hours.pdf', type: 'text/plain', bytes: samplePdf() },
        415,
        'unsupported_media_type',
        'unsupported_type',
      ],
      [
        'no declared type',
        { name: 'faq.txt', type: '', bytes: text('hi') },
        415,
        'unsupported_media_type',
        'unsupported_type',
      ],
      [
        'PDF that is not one',
        { name: 'hours.pdf', type: 'application/pdf', bytes: text('hello, not a pdf') },
        400,
        'validation_failed',
        'content_mismatch',
      ],
      [
        'DOCX that is not a zip',
        { name: 'a.docx', type: DOCX_TYPE, bytes: samplePdf() },
        400,
        'validation_failed',
        'content_mismatch',
      ],
      [
        'empty file',
        { name: 'faq.txt', type: 'text/plain', bytes: new Uint8Array(0) },
        400,
        'validation_failed',
        'empty',
      ],
      [
        'over 10 MiB',
        { name: 'big.txt', type: 'text/plain', bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(97) },
        413,
        'payload_too_large',
        'too_large',
      ],
    ]
    for (const [label, file, status, code, reason] of refusals) {
      const res = await upload<Problem>(handler, as, file)
      assert.equal(res.status, status, `${label}: ${res.text}`)
      assert.equal(res.body.code, code, label)
      assert.deepEqual(res.body.errors?.map((e) => [e.field, e.code]), [['file', reason]], label)
    }
    const wrongField = await upload<Problem>(handler, as, samples()[2], 'document')
    assert.equal(wrongField.status, 400, wrongField.text)
    assert.deepEqual(wrongField.body.errors?.map((e) => [e.field, e.code]), [['file', 'required']])
    const json = await expectProblem(
      handler,
      'POST',
      '/files',
      { ...as, body: { file: 'x' } },
      415,
      'unsupported_media_type',
    )
    assert.equal(json.errors?.[0].field, 'file')

    assert.deepEqual(await vapi.files.list(KB_PURPOSE), [], 'nothing was sent to Vapi')
    assert.deepEqual(await fileRows(deps, tenant.id), [])
  }))

Deno.test('files: Vapi refusing or no Vapi key is a 4xx and no row', () =>
  withTestDeps(files, async ({ deps, handler }) => {
    const { tenant, as, owner } = await ownerWithTenant(deps)
    await expectProblemUpload(handler, as, 409, 'vapi_not_configured')
    await saveCredential(deps, owner, tenant.id, 'vapi', `invalid_${crypto.randomUUID()}`)
    const refused = await expectProblemUpload(handler, as, 422, 'vapi_key_invalid')
    assert.match(refused.detail ?? '', /Vapi refused/)
    assert.deepEqual(await fileRows(deps, tenant.id), [])
    assert.deepEqual((await auditTrail(deps, tenant.id)).filter((a) => a.action.startsWith('files.')), [])
  }))

async function expectProblemUpload(
  handler: Parameters<typeof upload>[0],
  as: { token: string; tenant: string },
  status: number,
  code: string,
): Promise<Problem> {
  const res = await upload<Problem>(handler, as, samples()[2])
  assert.equal(res.status, status, res.text)
  assert.equal(res.body.code, code, res.text)
  return res.body
}

Deno.test('files: rename goes to Vapi (its 40 characters) and is audited; validation names the field', () =>
  withTestDeps(files, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await voiceTenant(deps)
    const { body: file } = await upload<KnowledgeFile>(handler, as, samples()[0])
    const long = `Opening hours and holidays of the practice ${'x'.repeat(30)}`
    const renamed = await call<KnowledgeFile>(handler, 'PATCH', `/files/${file.id}`, {
      ...as,
      body: { name: `  ${long} ` },
    })
    assert.equal(renamed.status, 200, renamed.text)
    assert.equal(renamed.body.name, long)
    assert.equal((await vapi.files.get({ id: file.vapi_id })).name, long.slice(0, 40))
    const bad = await expectProblem(
      handler,
      'PATCH',
      `/files/${file.id}`,
      { ...as, body: { name: ' ' } },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors?.map((e) => e.field), ['name'])
    await expectProblem(
      handler,
      'PATCH',
      `/files/${crypto.randomUUID()}`,
      { ...as, body: { name: 'x' } },
      404,
      'file_not_found',
    )
    const audit = (await auditTrail(deps, tenant.id)).filter((a) => a.action === 'files.renamed')
    assert.deepEqual(audit.map((a) => a.details), [{ from: 'hours.pdf', to: long }])
  }))

Deno.test('files: delete removes it from Vapi and from our rows', () =>
  withTestDeps(files, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await voiceTenant(deps)
    const { body: file } = await upload<KnowledgeFile>(handler, as, samples()[3])
    const removed = await call(handler, 'DELETE', `/files/${file.id}`, as)
    assert.equal(removed.status, 204, removed.text)
    assert.deepEqual(await vapi.files.list(KB_PURPOSE), [])
    await expectProblem(handler, 'GET', `/files/${file.id}`, as, 404, 'file_not_found')
    assert.deepEqual(
      (await auditTrail(deps, tenant.id)).filter((a) => a.action === 'files.deleted').map((a) => a.details),
      [{ name: 'prices.md', vapi_id: file.vapi_id, detached_from: [] }],
    )
  }))

Deno.test('files: pages of the list follow each other; a forged cursor is a 400 on query.cursor', () =>
  withTestDeps(files, async ({ deps, handler }) => {
    const { as } = await voiceTenant(deps)
    for (const sample of samples()) await upload(handler, as, sample)
    const first = await call<Page<KnowledgeFile>>(handler, 'GET', '/files?limit=2', as)
    assert.equal(first.body.items.length, 2)
    assert.ok(first.body.next_cursor)
    const second = await call<Page<KnowledgeFile>>(
      handler,
      'GET',
      `/files?limit=2&cursor=${first.body.next_cursor}`,
      as,
    )
    const third = await call<Page<KnowledgeFile>>(
      handler,
      'GET',
      `/files?limit=2&cursor=${second.body.next_cursor}`,
      as,
    )
    assert.equal(third.body.next_cursor, null)
    const names = [...first.body.items, ...second.body.items, ...third.body.items].map((f) => f.name)
    assert.deepEqual(names, samples().map((s) => s.name).reverse())
    const forged = await expectProblem(handler, 'GET', '/files?cursor=abc', as, 400, 'validation_failed')
    assert.deepEqual(forged.errors?.map((e) => e.field), ['query.cursor'])
  }))

Deno.test('files: viewers and agents read but cannot change; non-members get 404', () =>
  withTestDeps(files, async ({ deps, handler }) => {
    const { tenant, as } = await voiceTenant(deps)
    const { body: file } = await upload<KnowledgeFile>(handler, as, samples()[2])
    for (const role of ['viewer', 'agent'] as const) {
      const member = await memberWithRole(deps, tenant.id, role)
      const list = await call<Page<KnowledgeFile>>(handler, 'GET', '/files', member.as)
      assert.equal(list.status, 200, list.text)
      assert.deepEqual(list.body.items.map((f) => f.id), [file.id])
      const up = await upload<Problem>(handler, member.as, samples()[2])
      assert.equal(up.status, 403, up.text)
      await expectProblem(
        handler,
        'PATCH',
        `/files/${file.id}`,
        { ...member.as, body: { name: 'x' } },
        403,
        'forbidden',
      )
      await expectProblem(handler, 'DELETE', `/files/${file.id}`, member.as, 403, 'forbidden')
    }
    const stranger = await signUp('stranger')
    await expectProblem(
      handler,
      'GET',
      '/files',
      { token: stranger.token, tenant: tenant.id },
      404,
      'tenant_not_found',
    )
    const res = await upload<Problem>(handler, { token: stranger.token, tenant: tenant.id }, samples()[2])
    assert.equal(res.status, 404, res.text)
  }))

Deno.test("files: tenant B neither reads nor changes A's files, and B's Vapi key never touches them", () =>
  withTestDeps(files, async ({ deps, handler }) => {
    const a = await voiceTenant(deps)
    const b = await voiceTenant(deps)
    const { body: file } = await upload<KnowledgeFile>(handler, a.as, samples()[0])
    await expectProblem(handler, 'GET', `/files/${file.id}`, b.as, 404, 'file_not_found')
    await expectProblem(
      handler,
      'PATCH',
      `/files/${file.id}`,
      { ...b.as, body: { name: 'Mine' } },
      404,
      'file_not_found',
    )
    await expectProblem(handler, 'DELETE', `/files/${file.id}`, b.as, 404, 'file_not_found')
    // A's owner naming A's file with B's tenant header is not a member there.
    await expectProblem(
      handler,
      'GET',
      `/files/${file.id}`,
      { token: a.owner.token, tenant: b.tenant.id },
      404,
      'tenant_not_found',
    )
    const listB = await call<Page<KnowledgeFile>>(handler, 'GET', '/files', b.as)
    assert.deepEqual(listB.body.items, [])
    assert.equal((await a.vapi.files.get({ id: file.vapi_id })).name, 'hours.pdf')
    assert.deepEqual(await b.vapi.files.list(KB_PURPOSE), [])
  }))
