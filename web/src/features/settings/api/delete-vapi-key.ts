import { useMutation, useQueryClient } from '@tanstack/react-query'
import { settingsContract } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

export function deleteVapiKey(tenantId: string) {
  return callFunction(settingsContract.routes.deleteVapiKey, { tenantId })
}

export function useDeleteVapiKey(tenantId: string, options: MutationOptions<void> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: () => deleteVapiKey(tenantId),
    onSuccess: withCacheUpdate(options, () => queryClient.invalidateQueries({ queryKey: settingsKeys.vapi(tenantId) })),
  })
}
