/**
 * The `files` function: documents a tenant uploads to its own Vapi organisation (purpose
 * `knowledge-base-v2`) to feed its knowledge bases. Uploads are multipart/form-data; the accepted types, the
 * size limit and the signature check are declared once here (FILE_UPLOAD) and applied by the browser before
 * sending and by the route helper on receipt.
 */
import { z } from 'zod'
import { ListQuery, page } from './pagination.ts'
import { defineContract, type UploadSpec } from './route.ts'
import { VAPI_PROBLEMS } from './vapi.ts'

/**
 * 10 MiB. Vapi publishes no hard limit (its knowledge-base guide only advises small text files); a few MB
 * covers the documents a receptionist answers from.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024

/** Names as Vapi keeps them: it shortens a file's name to 40 characters; ours keep up to 255. */
export const FILE_NAME_MAX = 255

/** What a knowledge-base file may be: PDF, DOCX, plain text, Markdown and CSV. */
export const FILE_UPLOAD = {
  field: 'file',
  maxBytes: MAX_FILE_BYTES,
  types: [
    { extension: '.pdf', mimeTypes: ['application/pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
    {
      extension: '.docx',
      mimeTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      // A DOCX is a zip archive.
      magic: [0x50, 0x4b, 0x03, 0x04],
    },
    { extension: '.txt', mimeTypes: ['text/plain'] },
    { extension: '.md', mimeTypes: ['text/markdown', 'text/x-markdown', 'text/plain'] },
    { extension: '.csv', mimeTypes: ['text/csv', 'application/csv', 'text/plain'] },
  ],
} as const satisfies UploadSpec

export const FileStatus = z.enum(['processing', 'ready', 'failed']).describe(
  'processing while Vapi parses the file, then ready, or failed',
)
export type FileStatus = z.infer<typeof FileStatus>

export const FileUse = z.object({
  knowledge_base_id: z.uuid(),
  name: z.string().describe("The knowledge base's name"),
})
export type FileUse = z.infer<typeof FileUse>

export const KnowledgeFile = z.object({
  id: z.uuid(),
  vapi_id: z.string().describe("The file's id in the tenant's Vapi organisation"),
  name: z.string(),
  mime_type: z.string(),
  bytes: z.number().int().nonnegative(),
  status: FileStatus,
  error: z.string().nullable().describe('Why processing failed, when it did'),
  used_by: z.array(FileUse).describe('The knowledge bases the file is attached to'),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
})
export type KnowledgeFile = z.infer<typeof KnowledgeFile>

export const FileId = z.object({ id: z.uuid() })

export const UpdateFileBody = z.object({
  name: z.string().trim().min(1).max(FILE_NAME_MAX).describe(
    'Shown in Switchboard; Vapi keeps its first 40 characters',
  ),
})
export type UpdateFileBody = z.infer<typeof UpdateFileBody>

/** What a route syncing with the tenant's Vapi organisation may answer besides the common problems. */
const NOT_FOUND = { status: 404, code: 'file_not_found', description: 'No such file in this tenant' } as const

export const filesContract = defineContract({
  name: 'files',
  summary: "A tenant's documents uploaded to Vapi for its knowledge bases",
  routes: {
    list: {
      method: 'GET',
      path: '/',
      summary: 'List files, newest first',
      description: 'Files still processing are refreshed from Vapi (a few per page).',
      access: 'assistants.read',
      query: ListQuery,
      response: page(KnowledgeFile),
    },
    upload: {
      method: 'POST',
      path: '/',
      summary: 'Upload a file (multipart/form-data, field `file`)',
      description:
        'PDF, DOCX, TXT, MD or CSV up to 10 MiB. The extension, the declared media type and (PDF, ' +
        'DOCX) the first bytes must agree. The file is sent to Vapi, then recorded; it starts `processing`.',
      access: 'knowledge.manage',
      upload: FILE_UPLOAD,
      response: KnowledgeFile,
      status: 201,
      problems: VAPI_PROBLEMS,
    },
    get: {
      method: 'GET',
      path: '/:id',
      summary: 'Read a file, its status refreshed from Vapi while processing',
      access: 'assistants.read',
      params: FileId,
      response: KnowledgeFile,
      problems: [NOT_FOUND],
    },
    update: {
      method: 'PATCH',
      path: '/:id',
      summary: 'Rename a file',
      access: 'knowledge.manage',
      params: FileId,
      body: UpdateFileBody,
      response: KnowledgeFile,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    delete: {
      method: 'DELETE',
      path: '/:id',
      summary: 'Delete a file, detaching it first from the knowledge bases using it',
      access: 'knowledge.manage',
      params: FileId,
      response: null,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
  },
})
