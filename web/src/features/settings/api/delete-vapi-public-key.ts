import { useMutation, useQueryClient } from '@tanstack/react-query'
import { settingsContract } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

export function deleteVapiPublicKey(tenantId: string) {
  return callFunction(settingsContract.routes.deleteVapiPublicKey, { tenantId })
}

export function useDeleteVapiPublicKey(tenantId: string, options: MutationOptions<void> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: () => deleteVapiPublicKey(tenantId),
    onSuccess: withCacheUpdate(options, () => queryClient.invalidateQueries({ queryKey: settingsKeys.vapi(tenantId) })),
  })
}
