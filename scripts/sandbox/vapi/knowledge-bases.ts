/**
 * `/v2/knowledge-base`: Vapi's knowledge bases (V2), what the SDK's `knowledgeBasesV2` calls: create, find
 * all, find one (with its files), update, remove, and per file attach (`POST /:id/file { fileId }`), list,
 * detach and retry. An attached file is `indexing`, then `ready` INDEXING_MS after its file is `done`. The
 * file must be one of the organisation's: another organisation's file is not found, as an unknown one.
 */
import { Hono } from 'hono'
import type { Env, KnowledgeBase, KnowledgeBaseFile, Org } from './orgs.ts'
import { notFound, vapiError } from './errors.ts'
import { listed, timestamp, validJson } from './http.ts'
import { settleFile } from './files.ts'

export const knowledgeBases = new Hono<Env>()

export const INDEXING_MS = 300

function settle(org: Org, kb: KnowledgeBase): KnowledgeBase {
  for (const entry of kb.files) {
    if (entry.status !== 'indexing') continue
    const file = org.files.get(entry.fileId)
    if (!file) continue
    settleFile(file)
    if (file.status === 'done' && Date.now() - Date.parse(entry.updatedAt) >= INDEXING_MS) {
      entry.status = 'ready'
      entry.updatedAt = timestamp()
    }
  }
  return kb
}

function summary(kb: KnowledgeBase) {
  const { files: _files, toolId: _toolId, ...rest } = kb
  return rest
}

function findFileEntry(kb: KnowledgeBase, fileId: string): KnowledgeBaseFile | undefined {
  return kb.files.find((entry) => entry.fileId === fileId || entry.id === fileId)
}

knowledgeBases.post('/', async (c) => {
  const org = c.get('org')
  const body = await validJson<{ name: string; description?: string | null }>(c, [
    'post',
    '/v2/knowledge-base',
  ])
  if (body instanceof Response) return body
  const now = timestamp()
  const kb: KnowledgeBase = {
    id: crypto.randomUUID(),
    orgId: org.id,
    name: body.name,
    ...(body.description !== undefined ? { description: body.description } : {}),
    // Vapi generates a `knowledgeBase` search tool for every v2 base and deletes it with the base.
    toolId: crypto.randomUUID(),
    files: [],
    createdAt: now,
    updatedAt: now,
  }
  org.knowledgeBases.set(kb.id, kb)
  return c.json(summary(kb), 201)
})

knowledgeBases.get('/', (c) => listed(c, c.get('org').knowledgeBases.values(), { map: summary }))

knowledgeBases.get('/:id', (c) => {
  const org = c.get('org')
  const kb = org.knowledgeBases.get(c.req.param('id'))
  return kb ? c.json(settle(org, kb)) : notFound('Get', 'Knowledge Base', 'knowledgeBase')
})

knowledgeBases.patch('/:id', async (c) => {
  const org = c.get('org')
  const kb = org.knowledgeBases.get(c.req.param('id'))
  if (!kb) return notFound('Update', 'Knowledge Base', 'knowledgeBase')
  const body = await validJson<{ name?: string | null; description?: string | null }>(
    c,
    ['patch', '/v2/knowledge-base/{id}'],
  )
  if (body instanceof Response) return body
  if (typeof body.name === 'string') kb.name = body.name
  if (body.description !== undefined) kb.description = body.description
  kb.updatedAt = timestamp()
  return c.json(summary(kb))
})

knowledgeBases.delete('/:id', (c) => {
  const org = c.get('org')
  const kb = org.knowledgeBases.get(c.req.param('id'))
  if (!kb) return notFound('Delete', 'Knowledge Base', 'knowledgeBase')
  org.knowledgeBases.delete(kb.id)
  return c.json(summary(kb))
})

knowledgeBases.get('/:id/file', (c) => {
  const org = c.get('org')
  const kb = org.knowledgeBases.get(c.req.param('id'))
  return kb ? c.json(settle(org, kb).files) : notFound('Get', 'Knowledge Base', 'knowledgeBase')
})

knowledgeBases.post('/:id/file', async (c) => {
  const org = c.get('org')
  const kb = org.knowledgeBases.get(c.req.param('id'))
  if (!kb) return notFound('Get', 'Knowledge Base', 'knowledgeBase')
  const body = await validJson<{ fileId: string }>(c, ['post', '/v2/knowledge-base/{id}/file'])
  if (body instanceof Response) return body
  const file = org.files.get(body.fileId)
  if (!file) return notFound('Get', 'File', 'file')
  if (findFileEntry(kb, file.id)) {
    return vapiError(400, `File ${file.id} is already attached to knowledge base ${kb.id}.`)
  }
  const now = timestamp()
  const entry: KnowledgeBaseFile = {
    id: crypto.randomUUID(),
    knowledgeBaseV2Id: kb.id,
    fileId: file.id,
    fileName: file.name,
    mimetype: file.mimetype,
    bytes: file.bytes,
    status: 'indexing',
    createdAt: now,
    updatedAt: now,
  }
  kb.files.push(entry)
  kb.updatedAt = now
  return c.json(entry, 201)
})

knowledgeBases.delete('/:id/file/:fileId', (c) => {
  const org = c.get('org')
  const kb = org.knowledgeBases.get(c.req.param('id'))
  if (!kb) return notFound('Get', 'Knowledge Base', 'knowledgeBase')
  const entry = findFileEntry(kb, c.req.param('fileId'))
  if (!entry) return notFound('Detach', 'File', 'file')
  kb.files = kb.files.filter((f) => f !== entry)
  kb.updatedAt = timestamp()
  return c.json(entry)
})

knowledgeBases.post('/:id/file/:fileId/retry', (c) => {
  const org = c.get('org')
  const kb = org.knowledgeBases.get(c.req.param('id'))
  if (!kb) return notFound('Get', 'Knowledge Base', 'knowledgeBase')
  const entry = findFileEntry(kb, c.req.param('fileId'))
  if (!entry) return notFound('Retry', 'File', 'file')
  entry.status = 'indexing'
  entry.updatedAt = timestamp()
  return c.json(entry, 201)
})
