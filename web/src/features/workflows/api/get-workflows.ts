import { queryOptions, useQuery } from '@tanstack/react-query'
import { MAX_PAGE_SIZE } from '@shared/contracts/pagination.ts'
import { workflowsContract, type WorkflowSummary } from '@shared/contracts/workflows.ts'
import { callFunction } from '@/lib/functions.ts'
import { workflowKeys } from './keys.ts'

/** Every workflow of the tenant, newest first: a business keeps a handful, so pages are followed. */
export async function getWorkflows(tenantId: string): Promise<WorkflowSummary[]> {
  const workflows: WorkflowSummary[] = []
  let cursor: string | undefined
  do {
    const page = await callFunction(workflowsContract.routes.list, {
      tenantId,
      query: { limit: MAX_PAGE_SIZE, cursor },
    })
    workflows.push(...page.items)
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  return workflows
}

export function workflowsQueryOptions(tenantId: string) {
  return queryOptions({ queryKey: workflowKeys.list(tenantId), queryFn: () => getWorkflows(tenantId) })
}

export function useWorkflows(tenantId: string) {
  return useQuery(workflowsQueryOptions(tenantId))
}
