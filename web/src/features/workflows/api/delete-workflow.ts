import { useMutation, useQueryClient } from '@tanstack/react-query'
import { workflowsContract } from '@shared/contracts/workflows.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { numberKeys } from '@/features/numbers/index.ts'
import { workflowKeys } from './keys.ts'

/** Deletes the workflow and its squad; the numbers it answered are detached first. */
export function deleteWorkflow(tenantId: string, id: string) {
  return callFunction(workflowsContract.routes.delete, { tenantId, params: { id } })
}

export function useDeleteWorkflow(tenantId: string, id: string, options: MutationOptions<void> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: () => deleteWorkflow(tenantId, id),
    onSuccess: withCacheUpdate(options, async () => {
      queryClient.removeQueries({ queryKey: workflowKeys.detail(tenantId, id) })
      // The list, and the numbers it answered (detached).
      await queryClient.invalidateQueries({ queryKey: workflowKeys.list(tenantId) })
      await queryClient.invalidateQueries({ queryKey: numberKeys.all(tenantId) })
    }),
  })
}
