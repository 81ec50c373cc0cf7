/**
 * public.files as the API shows it (FileRow → KnowledgeFile, with the knowledge bases using each file), and
 * the refresh of a processing file's status from Vapi.
 */
import type { Vapi, VapiClient } from '@vapi-ai/server-sdk'
import type { FileStatus, FileUse, KnowledgeFile } from '../../../shared/contracts/files.ts'
import type { Tx } from '../_shared/db.ts'
import { errorFields, type Logger } from '../_shared/log.ts'
import { payloadHash, storedPayload } from '../_shared/voice.ts'

export interface FileRow {
  id: string
  vapi_id: string
  name: string
  mime_type: string
  bytes: string | number
  status: FileStatus
  error: string | null
  created_at: Date
  updated_at: Date
}

export const FILE_COLUMNS = [
  'id',
  'vapi_id',
  'name',
  'mime_type',
  'bytes',
  'status',
  'error',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof FileRow)[]

export function toFile(row: FileRow, usedBy: FileUse[]): KnowledgeFile {
  return {
    id: row.id,
    vapi_id: row.vapi_id,
    name: row.name,
    mime_type: row.mime_type,
    bytes: Number(row.bytes),
    status: row.status,
    error: row.error,
    used_by: usedBy,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

/** The knowledge bases using each of these files, by base name. */
export async function filesUse(tx: Tx, fileIds: readonly string[]): Promise<Map<string, FileUse[]>> {
  const uses = new Map<string, FileUse[]>(fileIds.map((id) => [id, []]))
  if (fileIds.length === 0) return uses
  const rows = await tx<{ file_id: string; knowledge_base_id: string; name: string }[]>`
    select l.file_id, k.id as knowledge_base_id, k.name
    from public.knowledge_base_files l
    join public.knowledge_bases k on k.id = l.knowledge_base_id
    where l.file_id in ${tx(fileIds as string[])}
    order by k.name, k.id`
  for (const row of rows) {
    uses.get(row.file_id)?.push({ knowledge_base_id: row.knowledge_base_id, name: row.name })
  }
  return uses
}

/** Vapi's file status in ours: `done` is ready. */
export function fileStatus(file: Vapi.File_): FileStatus {
  return file.status === 'done' ? 'ready' : file.status === 'failed' ? 'failed' : 'processing'
}

/** At most this many processing files are refreshed from Vapi per list page. */
export const REFRESH_PER_PAGE = 10

/**
 * Asks Vapi for the status of files still processing and stores what changed (a role without
 * knowledge.manage reads the fresh status, RLS keeping it from writing it). Best effort: when Vapi cannot
 * answer, the stored status stands.
 */
export async function refreshProcessing(
  tx: Tx,
  log: Logger,
  vapi: () => Promise<VapiClient>,
  rows: FileRow[],
): Promise<void> {
  const pending = rows.filter((row) => row.status === 'processing').slice(0, REFRESH_PER_PAGE)
  if (pending.length === 0) return
  let client: VapiClient
  try {
    client = await vapi()
  } catch (error) {
    // Best effort: the list still answers with the stored status, and the next read tries again.
    log.warn('files.refresh_failed', errorFields(error))
    return
  }
  await Promise.all(pending.map(async (row) => {
    let file: Vapi.File_
    try {
      file = await client.files.get({ id: row.vapi_id })
    } catch (error) {
      log.warn('files.refresh_failed', { file_id: row.id, ...errorFields(error) })
      return
    }
    const status = fileStatus(file)
    if (status === row.status) return
    row.status = status
    row.error = status === 'failed' ? 'Vapi could not read this file' : null
    const [updated] = await tx<{ updated_at: Date }[]>`
      update public.files
      set status = ${status}, error = ${row.error}, vapi_payload = ${storedPayload(tx, file)},
        vapi_hash = ${await payloadHash(file)}, synced_at = now()
      where id = ${row.id}
      returning updated_at`
    if (updated) row.updated_at = updated.updated_at
  }))
}
