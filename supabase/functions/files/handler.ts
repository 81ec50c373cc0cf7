/**
 * The `files` function: a tenant's knowledge documents. An upload goes to the tenant's Vapi organisation
 * first (purpose knowledge-base-v2), then becomes our row; a rename and a delete go to Vapi first too, and a
 * delete detaches the file from the knowledge bases using it before removing it. Reads refresh the status of
 * files Vapi is still processing.
 */
import type { VapiClient } from '@vapi-ai/server-sdk'
import {
  FILE_NAME_MAX,
  filesContract,
  type KnowledgeFile,
  type UpdateFileBody,
} from '../../../shared/contracts/files.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import { audit } from '../_shared/audit.ts'
import { NotFound } from '../_shared/errors.ts'
import { defineFunction } from '../_shared/function.ts'
import { afterNewest, newestKey, newestOrder, newestSortAt, toPage } from '../_shared/pagination.ts'
import {
  createThenPersist,
  payloadHash,
  storedPayload,
  tenantMetadata,
  tenantVapi,
  unlessGone,
  vapiCall,
  type VoiceCaller,
  voiceDeps,
} from '../_shared/voice.ts'
import { FILE_COLUMNS, type FileRow, fileStatus, filesUse, refreshProcessing, toFile } from './rows.ts'

export default defineFunction({
  contract: filesContract,
  deps: voiceDeps,
  operations: {
    list: (ctx) => listFiles(ctx, ctx.input.query),
    upload: (ctx) => uploadFile(ctx, ctx.input.upload),
    get: (ctx) => getFile(ctx, ctx.input.params.id),
    update: (ctx) => renameFile(ctx, ctx.input.params.id, ctx.input.body),
    delete: (ctx) => deleteFile(ctx, ctx.input.params.id),
  },
})

/** Vapi keeps a file's name to this many characters. */
const VAPI_FILE_NAME_MAX = 40

async function withUse(caller: VoiceCaller, row: FileRow): Promise<KnowledgeFile> {
  const uses = await filesUse(caller.tx, [row.id])
  return toFile(row, uses.get(row.id) ?? [])
}

async function findFile(caller: VoiceCaller, id: string): Promise<FileRow> {
  const [row] = await caller.tx<FileRow[]>`
    select ${caller.tx(FILE_COLUMNS)} from public.files where tenant_id = ${caller.tenant} and id = ${id}`
  if (!row) throw new NotFound('file_not_found', 'No such file in this tenant')
  return row
}

async function listFiles(
  caller: VoiceCaller,
  query: { cursor?: string; limit: number },
): Promise<Page<KnowledgeFile>> {
  const { tx, tenant } = caller
  const rows = await tx<(FileRow & { sort_at: string })[]>`
    select ${tx(FILE_COLUMNS)}, ${newestSortAt(tx)} as sort_at from public.files
    where tenant_id = ${tenant} and ${afterNewest(tx, query.cursor)}
    order by ${newestOrder(tx)}
    limit ${query.limit + 1}`
  const shown = rows.slice(0, query.limit)
  await refreshProcessing(tx, caller.deps.log, () => tenantVapi(caller), shown)
  const uses = await filesUse(tx, shown.map((row) => row.id))
  return toPage(rows, query.limit, (row) => toFile(row, uses.get(row.id) ?? []), newestKey)
}

async function getFile(caller: VoiceCaller, id: string): Promise<KnowledgeFile> {
  const row = await findFile(caller, id)
  await refreshProcessing(caller.tx, caller.deps.log, () => tenantVapi(caller), [row])
  return await withUse(caller, row)
}

async function uploadFile(caller: VoiceCaller, file: File): Promise<KnowledgeFile> {
  const { tx, tenant, claims, deps } = caller
  const vapi = await tenantVapi(caller)
  const name = file.name.slice(0, FILE_NAME_MAX)
  const mimeType = file.type.split(';')[0].trim().toLowerCase()
  const row = await createThenPersist(
    deps,
    () =>
      vapiCall('upload the file', () =>
        vapi.files.create({
          file: { data: file, filename: file.name, contentType: mimeType, contentLength: file.size },
          purpose: 'knowledge-base-v2',
          metadata: JSON.stringify(tenantMetadata(tenant)),
        })),
    async (created) => {
      const [inserted] = await tx<FileRow[]>`
        insert into public.files (tenant_id, vapi_id, name, mime_type, bytes, status, vapi_payload, vapi_hash,
          created_by)
        values (${tenant}, ${created.id}, ${name}, ${mimeType}, ${file.size}, ${fileStatus(created)},
          ${storedPayload(tx, created)}, ${await payloadHash(created)}, ${claims.sub})
        returning ${tx(FILE_COLUMNS)}`
      await audit(tx, {
        tenantId: tenant,
        actor: claims.sub,
        action: 'files.uploaded',
        target: `file:${inserted.id}`,
        details: { name, mime_type: mimeType, bytes: file.size, vapi_id: created.id },
      })
      return inserted
    },
    (created) => vapi.files.delete({ id: created.id }),
  )
  return toFile(row, [])
}

async function renameFile(caller: VoiceCaller, id: string, body: UpdateFileBody): Promise<KnowledgeFile> {
  const { tx, tenant, claims } = caller
  const current = await findFile(caller, id)
  if (body.name === current.name) return await withUse(caller, current)
  const vapi = await tenantVapi(caller)
  const updated = await vapiCall(
    'rename the file',
    () => vapi.files.update({ id: current.vapi_id, name: body.name.slice(0, VAPI_FILE_NAME_MAX) }),
  )
  const [row] = await tx<FileRow[]>`
    update public.files
    set name = ${body.name}, vapi_payload = ${storedPayload(tx, updated)}, vapi_hash = ${await payloadHash(
    updated,
  )},
      synced_at = now()
    where tenant_id = ${tenant} and id = ${id}
    returning ${tx(FILE_COLUMNS)}`
  await audit(tx, {
    tenantId: tenant,
    actor: claims.sub,
    action: 'files.renamed',
    target: `file:${id}`,
    details: { from: current.name, to: body.name },
  })
  return await withUse(caller, row)
}

async function deleteFile(caller: VoiceCaller, id: string): Promise<void> {
  const { tx, tenant, claims } = caller
  const row = await findFile(caller, id)
  const bases = await tx<{ id: string; vapi_id: string; name: string }[]>`
    select k.id, k.vapi_id, k.name from public.knowledge_base_files l
    join public.knowledge_bases k on k.id = l.knowledge_base_id
    where l.tenant_id = ${tenant} and l.file_id = ${id}
    order by k.name, k.id`
  const vapi: VapiClient = await tenantVapi(caller)
  // Vapi refuses to delete a file a knowledge base still holds: detach it from each first.
  for (const base of bases) {
    await unlessGone(
      `detach the file from "${base.name}"`,
      () =>
        vapi.knowledgeBasesV2.knowledgeBaseV2ControllerFileDetach({ id: base.vapi_id, fileId: row.vapi_id }),
    )
  }
  await unlessGone('delete the file', () => vapi.files.delete({ id: row.vapi_id }))
  // The knowledge_base_files rows go with it (on delete cascade).
  await tx`delete from public.files where tenant_id = ${tenant} and id = ${id}`
  await audit(tx, {
    tenantId: tenant,
    actor: claims.sub,
    action: 'files.deleted',
    target: `file:${id}`,
    details: { name: row.name, vapi_id: row.vapi_id, detached_from: bases.map((b) => b.id) },
  })
}
