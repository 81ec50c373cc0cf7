import { queryOptions, useQuery } from '@tanstack/react-query'
import { callsContract, type Retention } from '@shared/contracts/calls.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

/** How long the tenant's calls and recordings are kept (null: forever). */
export function getRetention(tenantId: string) {
  return callFunction(callsContract.routes.getRetention, { tenantId })
}

function retentionQueryOptions(tenantId: string) {
  return queryOptions({ queryKey: settingsKeys.retention(tenantId), queryFn: () => getRetention(tenantId) })
}

export function useRetention(tenantId: string) {
  return useQuery(retentionQueryOptions(tenantId))
}

/** Older calls and recordings are then deleted by a job, ours and Vapi's (with the tenant's key). */
export function setRetention(tenantId: string, body: Retention) {
  return callFunction(callsContract.routes.setRetention, { tenantId, body })
}

export function useSetRetention(tenantId: string, options: MutationOptions<Retention, Retention> = {}) {
  return useCacheMutation(
    (body) => setRetention(tenantId, body),
    options,
    (queryClient, retention) => queryClient.setQueryData(settingsKeys.retention(tenantId), retention),
  )
}
