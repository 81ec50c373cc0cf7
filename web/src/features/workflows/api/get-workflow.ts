import { queryOptions, useQuery } from '@tanstack/react-query'
import { workflowsContract } from '@shared/contracts/workflows.ts'
import { callFunction } from '@/lib/functions.ts'
import { workflowKeys } from './keys.ts'

export function getWorkflow(tenantId: string, id: string) {
  return callFunction(workflowsContract.routes.get, { tenantId, params: { id } })
}

function workflowQueryOptions(tenantId: string, id: string) {
  return queryOptions({ queryKey: workflowKeys.detail(tenantId, id), queryFn: () => getWorkflow(tenantId, id) })
}

export function useWorkflow(tenantId: string, id: string) {
  return useQuery(workflowQueryOptions(tenantId, id))
}
