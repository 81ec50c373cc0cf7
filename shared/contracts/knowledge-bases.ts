/**
 * The `knowledge-bases` function: a tenant's Vapi knowledge bases (Vapi's v2 API) and the files attached to
 * them. Assistants answer from a knowledge base (their form picks one); a base lists the assistants using it.
 */
import { z } from 'zod'
import { FileStatus } from './files.ts'
import { ListQuery, page } from './pagination.ts'
import { defineContract } from './route.ts'
import { VAPI_PROBLEMS } from './vapi.ts'

/** Vapi's limits (CreateKnowledgeBaseV2DTO). */
export const KNOWLEDGE_BASE_NAME_MAX = 80
export const KNOWLEDGE_BASE_DESCRIPTION_MAX = 1000

export const KnowledgeBaseFile = z.object({
  id: z.uuid().describe("The file's id (files function)"),
  name: z.string(),
  status: FileStatus,
})
export type KnowledgeBaseFile = z.infer<typeof KnowledgeBaseFile>

export const KnowledgeBaseAssistant = z.object({ id: z.uuid(), name: z.string() })
export type KnowledgeBaseAssistant = z.infer<typeof KnowledgeBaseAssistant>

export const KnowledgeBase = z.object({
  id: z.uuid(),
  vapi_id: z.string().describe("The knowledge base's id in the tenant's Vapi organisation"),
  name: z.string(),
  description: z.string(),
  files: z.array(KnowledgeBaseFile).describe('The attached files, oldest attachment first'),
  assistants: z.array(KnowledgeBaseAssistant).describe('The assistants answering from it'),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
})
export type KnowledgeBase = z.infer<typeof KnowledgeBase>

export const CreateKnowledgeBaseBody = z.object({
  name: z.string().trim().min(1).max(KNOWLEDGE_BASE_NAME_MAX),
  description: z.string().trim().max(KNOWLEDGE_BASE_DESCRIPTION_MAX).default(''),
})
export type CreateKnowledgeBaseBody = z.input<typeof CreateKnowledgeBaseBody>

export const UpdateKnowledgeBaseBody = z.object({
  name: z.string().trim().min(1).max(KNOWLEDGE_BASE_NAME_MAX).optional(),
  description: z.string().trim().max(KNOWLEDGE_BASE_DESCRIPTION_MAX).optional(),
})
export type UpdateKnowledgeBaseBody = z.input<typeof UpdateKnowledgeBaseBody>

export const AttachFileBody = z.object({
  file_id: z.uuid().describe('A file of this tenant (files function)'),
})
export type AttachFileBody = z.infer<typeof AttachFileBody>

export const KnowledgeBaseId = z.object({ id: z.uuid() })
export const KnowledgeBaseFileIds = z.object({ id: z.uuid(), fileId: z.uuid() })

const NOT_FOUND = {
  status: 404,
  code: 'knowledge_base_not_found',
  description: 'No such knowledge base in this tenant',
} as const

export const knowledgeBasesContract = defineContract({
  name: 'knowledge-bases',
  summary: "A tenant's Vapi knowledge bases and the files attached to them",
  routes: {
    list: {
      method: 'GET',
      path: '/',
      summary: 'List knowledge bases, newest first',
      access: 'assistants.read',
      query: ListQuery,
      response: page(KnowledgeBase),
    },
    create: {
      method: 'POST',
      path: '/',
      summary: 'Create a knowledge base',
      access: 'knowledge.manage',
      body: CreateKnowledgeBaseBody,
      response: KnowledgeBase,
      status: 201,
      problems: VAPI_PROBLEMS,
    },
    get: {
      method: 'GET',
      path: '/:id',
      summary: 'Read a knowledge base',
      access: 'assistants.read',
      params: KnowledgeBaseId,
      response: KnowledgeBase,
      problems: [NOT_FOUND],
    },
    update: {
      method: 'PATCH',
      path: '/:id',
      summary: 'Rename or describe a knowledge base',
      access: 'knowledge.manage',
      params: KnowledgeBaseId,
      body: UpdateKnowledgeBaseBody,
      response: KnowledgeBase,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    delete: {
      method: 'DELETE',
      path: '/:id',
      summary: 'Delete a knowledge base',
      description: 'The assistants answering from it lose it (their knowledge base becomes none).',
      access: 'knowledge.manage',
      params: KnowledgeBaseId,
      response: null,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    attachFile: {
      method: 'POST',
      path: '/:id/files',
      summary: 'Attach a file to a knowledge base',
      description: 'Vapi indexes the file; the knowledge base is returned with its files.',
      access: 'knowledge.manage',
      params: KnowledgeBaseId,
      body: AttachFileBody,
      response: KnowledgeBase,
      problems: [
        NOT_FOUND,
        { status: 404, code: 'file_not_found', description: 'No such file in this tenant' },
        { status: 409, code: 'file_already_attached', description: 'The file is already attached' },
        ...VAPI_PROBLEMS,
      ],
    },
    detachFile: {
      method: 'DELETE',
      path: '/:id/files/:fileId',
      summary: 'Detach a file from a knowledge base',
      access: 'knowledge.manage',
      params: KnowledgeBaseFileIds,
      response: null,
      problems: [
        NOT_FOUND,
        { status: 404, code: 'file_not_attached', description: 'The file is not attached to this base' },
        ...VAPI_PROBLEMS,
      ],
    },
  },
})
