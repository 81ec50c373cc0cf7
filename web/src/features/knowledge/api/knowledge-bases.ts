/** The knowledge bases of a tenant: list, create, update, delete, attach and detach files. */
import { useQuery } from '@tanstack/react-query'
import {
  type CreateKnowledgeBaseBody,
  type KnowledgeBase,
  knowledgeBasesContract,
  type UpdateKnowledgeBaseBody,
} from '@shared/contracts/knowledge-bases.ts'
import { allPages, callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { PROCESSING_REFRESH_MS } from './files.ts'
import { knowledgeKeys } from './keys.ts'

const routes = knowledgeBasesContract.routes

/** A tenant's knowledge bases (also what the assistants form offers to pick from). */
export function useKnowledgeBases(tenantId: string) {
  return useQuery({
    queryKey: knowledgeKeys.bases(tenantId),
    queryFn: () => allPages(routes.list, { tenantId }),
    // A file still processing is refreshed from Vapi by the files list; read its status again meanwhile.
    refetchInterval: (query) =>
      query.state.data?.some((kb) => kb.files.some((f) => f.status === 'processing'))
        ? PROCESSING_REFRESH_MS
        : false,
  })
}

/** Every change to a base can change the files' "used by" too: both lists are refreshed. */
function useKnowledgeMutation<T, V>(tenantId: string, call: (v: V) => Promise<T>, options: MutationOptions<T, V>) {
  return useCacheMutation(call, options, (queryClient) => queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(tenantId) }))
}

export function useCreateKnowledgeBase(tenantId: string, options: MutationOptions<KnowledgeBase, CreateKnowledgeBaseBody> = {}) {
  return useKnowledgeMutation(tenantId, (body) => callFunction(routes.create, { tenantId, body }), options)
}

export function useUpdateKnowledgeBase(
  tenantId: string,
  options: MutationOptions<KnowledgeBase, { id: string; body: UpdateKnowledgeBaseBody }> = {},
) {
  return useKnowledgeMutation(tenantId, ({ id, body }) => callFunction(routes.update, { tenantId, params: { id }, body }), options)
}

export function useDeleteKnowledgeBase(tenantId: string, options: MutationOptions<void, string> = {}) {
  return useKnowledgeMutation(tenantId, (id) => callFunction(routes.delete, { tenantId, params: { id } }), options)
}

export function useAttachFile(tenantId: string, options: MutationOptions<KnowledgeBase, { id: string; fileId: string }> = {}) {
  return useKnowledgeMutation(
    tenantId,
    ({ id, fileId }) => callFunction(routes.attachFile, { tenantId, params: { id }, body: { file_id: fileId } }),
    options,
  )
}

export function useDetachFile(tenantId: string, options: MutationOptions<void, { id: string; fileId: string }> = {}) {
  return useKnowledgeMutation(
    tenantId,
    ({ id, fileId }) => callFunction(routes.detachFile, { tenantId, params: { id, fileId } }),
    options,
  )
}
