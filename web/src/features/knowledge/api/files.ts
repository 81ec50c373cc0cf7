/** The files of a tenant: list (refreshed while any is processing), rename and delete. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { filesContract, type KnowledgeFile } from '@shared/contracts/files.ts'
import { allPages, callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { knowledgeKeys } from './keys.ts'

/** While a file is processing, the list asks again this often (the server refreshes it from Vapi). */
export const PROCESSING_REFRESH_MS = 3000

export function useFiles(tenantId: string) {
  return useQuery({
    queryKey: knowledgeKeys.files(tenantId),
    queryFn: () => allPages(filesContract.routes.list, { tenantId }),
    refetchInterval: (query) =>
      query.state.data?.some((f) => f.status === 'processing') ? PROCESSING_REFRESH_MS : false,
  })
}

export function useRenameFile(tenantId: string, options: MutationOptions<KnowledgeFile, { id: string; name: string }> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: ({ id, name }) => callFunction(filesContract.routes.update, { tenantId, params: { id }, body: { name } }),
    onSuccess: withCacheUpdate(options, () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(tenantId) })),
  })
}

export function useDeleteFile(tenantId: string, options: MutationOptions<void, string> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (id) => callFunction(filesContract.routes.delete, { tenantId, params: { id } }),
    onSuccess: withCacheUpdate(options, () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(tenantId) })),
  })
}
