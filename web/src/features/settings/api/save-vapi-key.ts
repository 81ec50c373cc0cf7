import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type SaveVapiKeyBody, settingsContract, type VapiSettings } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

/** The server checks the key against Vapi before sealing it: a revoked key answers 422 vapi_key_invalid. */
export function saveVapiKey(tenantId: string, body: SaveVapiKeyBody) {
  return callFunction(settingsContract.routes.saveVapiKey, { tenantId, body })
}

export function useSaveVapiKey(tenantId: string, options: MutationOptions<VapiSettings, SaveVapiKeyBody> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body) => saveVapiKey(tenantId, body),
    onSuccess: withCacheUpdate(options, (settings) => queryClient.setQueryData(settingsKeys.vapi(tenantId), settings)),
  })
}
