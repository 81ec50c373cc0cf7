/** The assistants' changes; each refreshes the feature's cache (list and detail) when it succeeds. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  type Assistant,
  type AssistantDetail,
  assistantsContract,
  type CreateAssistantBody,
  type ImportAssistantsResponse,
  type SyncBody,
  type UpdateAssistantBody,
} from '@shared/contracts/assistants.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { tenantScope } from '@/lib/query-keys.ts'
import { assistantKeys } from './keys.ts'

const routes = assistantsContract.routes

/** Other features' caches that show assistants: the numbers (who answers, active or not) and the knowledge bases. */
const SHOWN_IN = ['numbers', 'knowledge'] as const

function useRefresh(tenantId: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([assistantKeys.all(tenantId), ...SHOWN_IN.map((feature) => tenantScope(feature, tenantId))].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey })
    ))
}

export function useCreateAssistant(tenantId: string, options: MutationOptions<Assistant, CreateAssistantBody> = {}) {
  const refresh = useRefresh(tenantId)
  return useMutation({
    ...options,
    mutationFn: (body) => callFunction(routes.create, { tenantId, body }),
    onSuccess: withCacheUpdate(options, refresh),
  })
}

export function useUpdateAssistant(
  tenantId: string,
  id: string,
  options: MutationOptions<Assistant, UpdateAssistantBody> = {},
) {
  const refresh = useRefresh(tenantId)
  return useMutation({
    ...options,
    mutationFn: (body) => callFunction(routes.update, { tenantId, params: { id }, body }),
    onSuccess: withCacheUpdate(options, refresh),
  })
}

export function useDeleteAssistant(tenantId: string, options: MutationOptions<void, string> = {}) {
  const queryClient = useQueryClient()
  const refresh = useRefresh(tenantId)
  return useMutation({
    ...options,
    mutationFn: (id) => callFunction(routes.remove, { tenantId, params: { id } }),
    // The deleted assistant's detail is dropped, not refreshed: its page is still mounted and would refetch a 404.
    onSuccess: withCacheUpdate(options, async (_, id) => {
      queryClient.removeQueries({ queryKey: assistantKeys.detail(tenantId, id) })
      await refresh()
    }),
  })
}

/** Activate (push to Vapi and answer its numbers) or deactivate. */
export function useSetActive(tenantId: string, options: MutationOptions<Assistant, { id: string; active: boolean }> = {}) {
  const refresh = useRefresh(tenantId)
  return useMutation({
    ...options,
    mutationFn: ({ id, active }) =>
      callFunction(active ? routes.activate : routes.deactivate, { tenantId, params: { id } }),
    onSuccess: withCacheUpdate(options, refresh),
  })
}

export function useSyncAssistant(tenantId: string, id: string, options: MutationOptions<AssistantDetail, SyncBody> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body) => callFunction(routes.sync, { tenantId, params: { id }, body }),
    onSuccess: withCacheUpdate(options, async (detail) => {
      queryClient.setQueryData(assistantKeys.detail(tenantId, id), detail)
      await queryClient.invalidateQueries({ queryKey: assistantKeys.list(tenantId) })
    }),
  })
}

export function useImportAssistants(tenantId: string, options: MutationOptions<ImportAssistantsResponse, string[]> = {}) {
  const refresh = useRefresh(tenantId)
  return useMutation({
    ...options,
    mutationFn: (vapiIds) => callFunction(routes.import, { tenantId, body: { vapi_ids: vapiIds } }),
    onSuccess: withCacheUpdate(options, refresh),
  })
}
