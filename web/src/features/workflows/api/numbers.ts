/**
 * The tenant's phone numbers as the workflow page needs them: which ones this workflow answers, and giving
 * it a number or taking one back (the phone-numbers function's own routes; the numbers feature does not
 * expose its hooks). Assigning re-routes the number in Vapi before answering.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { MAX_PAGE_SIZE } from '@shared/contracts/pagination.ts'
import { type PhoneNumber, phoneNumbersContract } from '@shared/contracts/phone-numbers.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { workflowKeys } from './keys.ts'

/** The numbers feature's cache prefix: refreshed when a number changes hands here. */
const NUMBERS_PREFIX = 'numbers'

export async function getTenantNumbers(tenantId: string): Promise<PhoneNumber[]> {
  const numbers: PhoneNumber[] = []
  let cursor: string | undefined
  do {
    const page = await callFunction(phoneNumbersContract.routes.list, {
      tenantId,
      query: { limit: MAX_PAGE_SIZE, cursor },
    })
    numbers.push(...page.items)
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  return numbers
}

export function tenantNumbersQueryOptions(tenantId: string) {
  return queryOptions({ queryKey: workflowKeys.numbers(tenantId), queryFn: () => getTenantNumbers(tenantId) })
}

export function useTenantNumbers(tenantId: string) {
  return useQuery(tenantNumbersQueryOptions(tenantId))
}

export interface AssignNumberVariables {
  numberId: string
  /** The workflow to answer it, or null to detach it. */
  workflowId: string | null
}

export function assignNumber(tenantId: string, { numberId, workflowId }: AssignNumberVariables) {
  return callFunction(phoneNumbersContract.routes.update, {
    tenantId,
    params: { id: numberId },
    body: { workflow_id: workflowId },
  })
}

export function useAssignNumber(tenantId: string, options: MutationOptions<PhoneNumber, AssignNumberVariables> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (variables) => assignNumber(tenantId, variables),
    onSuccess: withCacheUpdate(options, async (updated) => {
      queryClient.setQueryData<PhoneNumber[]>(
        workflowKeys.numbers(tenantId),
        (list) => list?.map((n) => n.id === updated.id ? updated : n),
      )
      // Every workflow's numbers may have changed (the number left another one), and so has the numbers page.
      await queryClient.invalidateQueries({ queryKey: workflowKeys.all(tenantId) })
      await queryClient.invalidateQueries({ queryKey: [NUMBERS_PREFIX, tenantId] })
    }),
  })
}
