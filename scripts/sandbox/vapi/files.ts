/**
 * `/file`: uploads (`POST /file`, multipart/form-data: `file`, optional `purpose` and `metadata`, Vapi's
 * CreateFileDTO). A file is `processing` when created and `done` PROCESSING_MS later (seen on the next read,
 * as Vapi parses it in the background). Its `url` is served by the sandbox without a key, like Vapi's
 * storage URLs. A file attached to a knowledge base cannot be deleted until it is detached.
 */
import { Hono } from 'hono'
import { readBodyBytes } from '../../../shared/request-body.ts'
import type { Env, Org, StoredFile } from './orgs.ts'
import { notFound, vapiError } from './errors.ts'
import { listed, timestamp, validJson } from './http.ts'
import { validateBody } from './validation.ts'

export const files = new Hono<Env>()

/**
 * Vapi publishes no hard upload limit; its knowledge-base docs advise files under 300 KB and its dashboard
 * takes documents of a few MB. The sandbox refuses bodies over 10 MiB with NestJS's (multer's) 413.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
/** How long a new file stays `processing`. */
export const PROCESSING_MS = 300

/** Moves a file to `done` once PROCESSING_MS have passed; true when it changed. */
export function settleFile(file: StoredFile): boolean {
  if (file.status !== 'processing' || Date.now() - Date.parse(file.createdAt) < PROCESSING_MS) return false
  file.status = 'done'
  if (/^text\/|json|csv|xml|yaml|markdown/.test(file.mimetype)) {
    file.parsedTextUrl = file.url
    file.parsedTextBytes = file.bytes
  }
  file.updatedAt = timestamp()
  return true
}

/** A file as answered: without its bytes. */
export function publicFile(file: StoredFile): Omit<StoredFile, 'content'> {
  const { content: _content, ...rest } = file
  return rest
}

function findFile(org: Org, id: string): StoredFile | undefined {
  const file = org.files.get(id)
  if (file) settleFile(file)
  return file
}

files.post('/', async (c) => {
  const org = c.get('org')
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
    return vapiError(400, ['file should not be empty'])
  }
  // Read through the project's capped reader, so a chunked upload cannot pass the limit either.
  const body = await readBodyBytes(c.req.raw, MAX_FILE_BYTES + 64 * 1024)
  if (body === 'too_large') return vapiError(413, 'File too large')
  const form: Record<string, string | File> = {}
  try {
    const parsed = await new Response(body, { headers: { 'content-type': c.req.header('content-type')! } })
      .formData()
    for (const [key, value] of parsed) form[key] = value
  } catch {
    return vapiError(400, ['Malformed multipart/form-data body'])
  }
  const upload = form.file
  const fields = Object.fromEntries(
    Object.entries(form).map(([key, value]) => [key, value instanceof File ? value.name || 'file' : value]),
  )
  const errors = validateBody('post', '/file', fields)
  if (!(upload instanceof File)) errors.unshift('file should not be empty')
  if (errors.length) return vapiError(400, [...new Set(errors)])
  const file = upload as File
  if (file.size > MAX_FILE_BYTES) return vapiError(413, 'File too large')
  let metadata: Record<string, unknown> | undefined
  if (typeof form.metadata === 'string' && form.metadata) {
    try {
      metadata = JSON.parse(form.metadata)
    } catch {
      return vapiError(400, ['metadata must be a json string'])
    }
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const id = crypto.randomUUID()
  const originalName = file.name || 'file'
  const path = `${org.id}/${id}-${originalName}`
  const now = timestamp()
  const stored: StoredFile = {
    object: 'file',
    id,
    orgId: org.id,
    name: originalName.slice(0, 40),
    originalName,
    bytes: bytes.length,
    mimetype: file.type || 'application/octet-stream',
    purpose: typeof form.purpose === 'string' ? form.purpose : undefined,
    status: 'processing',
    url: `${new URL(c.req.url).origin}/sandbox/files/${id}/${encodeURIComponent(originalName)}`,
    path,
    key: path,
    bucket: 'sandbox',
    metadata,
    createdAt: now,
    updatedAt: now,
    content: encodeBase64(bytes),
  }
  org.files.set(id, stored)
  return c.json(publicFile(stored), 201)
})

files.get('/', (c) => {
  const org = c.get('org')
  for (const file of org.files.values()) settleFile(file)
  const purpose = c.req.query('purpose')
  return listed(c, org.files.values(), {
    filter: (file) => !purpose || file.purpose === purpose,
    map: publicFile,
  })
})

files.get('/:id', (c) => {
  const file = findFile(c.get('org'), c.req.param('id'))
  return file ? c.json(publicFile(file)) : notFound('Get', 'File', 'file')
})

files.patch('/:id', async (c) => {
  const file = findFile(c.get('org'), c.req.param('id'))
  if (!file) return notFound('Update', 'File', 'file')
  const body = await validJson<{ name?: string | null }>(c, ['patch', '/file/{id}'])
  if (body instanceof Response) return body
  if (typeof body.name === 'string') file.name = body.name
  file.updatedAt = timestamp()
  return c.json(publicFile(file))
})

files.delete('/:id', (c) => {
  const org = c.get('org')
  const file = findFile(org, c.req.param('id'))
  if (!file) return notFound('Delete', 'File', 'file')
  const bases = [...org.knowledgeBases.values()].filter((kb) => kb.files.some((f) => f.fileId === file.id))
  if (bases.length) {
    return vapiError(
      400,
      `Couldn't Delete File. It is attached to knowledge base ${
        bases.map((kb) => `"${kb.name}" (${kb.id})`).join(', ')
      }. Detach it first.`,
    )
  }
  org.files.delete(file.id)
  return c.json(publicFile(file))
})

export function encodeBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

export function decodeBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))
}
