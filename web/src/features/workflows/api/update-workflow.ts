import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type UpdateWorkflowBody, type Workflow, workflowsContract } from '@shared/contracts/workflows.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { workflowKeys } from './keys.ts'

/** Renames, describes or replaces the ordered steps; the squad in Vapi is updated first. */
export function updateWorkflow(tenantId: string, id: string, body: UpdateWorkflowBody) {
  return callFunction(workflowsContract.routes.update, { tenantId, params: { id }, body })
}

export function useUpdateWorkflow(
  tenantId: string,
  id: string,
  options: MutationOptions<Workflow, UpdateWorkflowBody> = {},
) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body) => updateWorkflow(tenantId, id, body),
    onSuccess: withCacheUpdate(options, async (updated) => {
      queryClient.setQueryData(workflowKeys.detail(tenantId, id), updated)
      await queryClient.invalidateQueries({ queryKey: workflowKeys.list(tenantId) })
    }),
  })
}
