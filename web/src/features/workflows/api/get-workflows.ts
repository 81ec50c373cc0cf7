import { queryOptions, useQuery } from '@tanstack/react-query'
import { workflowsContract, type WorkflowSummary } from '@shared/contracts/workflows.ts'
import { allPages } from '@/lib/functions.ts'
import { workflowKeys } from './keys.ts'

/** Every workflow of the tenant, newest first: a business keeps a handful, so pages are followed. */
export function getWorkflows(tenantId: string): Promise<WorkflowSummary[]> {
  return allPages(workflowsContract.routes.list, { tenantId })
}

function workflowsQueryOptions(tenantId: string) {
  return queryOptions({ queryKey: workflowKeys.list(tenantId), queryFn: () => getWorkflows(tenantId) })
}

export function useWorkflows(tenantId: string) {
  return useQuery(workflowsQueryOptions(tenantId))
}
