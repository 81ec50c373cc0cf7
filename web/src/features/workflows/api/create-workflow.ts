import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type CreateWorkflowBody, type Workflow, workflowsContract } from '@shared/contracts/workflows.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { workflowKeys } from './keys.ts'

/** Creates the workflow and its squad in Vapi; Vapi's refusal answers 422 `vapi_rejected`. */
export function createWorkflow(tenantId: string, body: CreateWorkflowBody) {
  return callFunction(workflowsContract.routes.create, { tenantId, body })
}

export function useCreateWorkflow(tenantId: string, options: MutationOptions<Workflow, CreateWorkflowBody> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body) => createWorkflow(tenantId, body),
    onSuccess: withCacheUpdate(options, async (created) => {
      queryClient.setQueryData(workflowKeys.detail(tenantId, created.id), created)
      await queryClient.invalidateQueries({ queryKey: workflowKeys.list(tenantId) })
    }),
  })
}
