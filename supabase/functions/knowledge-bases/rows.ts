/**
 * public.knowledge_bases as the API shows it: KnowledgeBaseRow → KnowledgeBase, with the files attached
 * (oldest attachment first) and the assistants answering from each base, fetched for a whole page at once.
 */
import type { KnowledgeBase } from '../../../shared/contracts/knowledge-bases.ts'
import type { FileStatus } from '../../../shared/contracts/files.ts'
import type { Tx } from '../_shared/db.ts'

export interface KnowledgeBaseRow {
  id: string
  vapi_id: string
  name: string
  description: string
  created_at: Date
  updated_at: Date
}

export const KB_COLUMNS = [
  'id',
  'vapi_id',
  'name',
  'description',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof KnowledgeBaseRow)[]

/** The API shape of each row, with its files and assistants (two queries for the whole list). */
export async function withRelations(tx: Tx, rows: readonly KnowledgeBaseRow[]): Promise<KnowledgeBase[]> {
  if (rows.length === 0) return []
  const ids = rows.map((row) => row.id)
  const files = await tx<{ knowledge_base_id: string; id: string; name: string; status: FileStatus }[]>`
    select l.knowledge_base_id, f.id, f.name, f.status
    from public.knowledge_base_files l join public.files f on f.id = l.file_id
    where l.knowledge_base_id in ${tx(ids)}
    order by l.created_at, f.id`
  const assistants = await tx<{ knowledge_base_id: string; id: string; name: string }[]>`
    select knowledge_base_id, id, name from public.assistants
    where knowledge_base_id in ${tx(ids)}
    order by name, id`
  return rows.map((row) => ({
    id: row.id,
    vapi_id: row.vapi_id,
    name: row.name,
    description: row.description,
    files: files.filter((f) => f.knowledge_base_id === row.id).map(({ id, name, status }) => ({
      id,
      name,
      status,
    })),
    assistants: assistants.filter((a) => a.knowledge_base_id === row.id).map(({ id, name }) => ({
      id,
      name,
    })),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }))
}
