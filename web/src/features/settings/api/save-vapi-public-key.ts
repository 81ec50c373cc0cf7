import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type SaveVapiPublicKeyBody, settingsContract, type VapiSettings } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

export function saveVapiPublicKey(tenantId: string, body: SaveVapiPublicKeyBody) {
  return callFunction(settingsContract.routes.saveVapiPublicKey, { tenantId, body })
}

export function useSaveVapiPublicKey(
  tenantId: string,
  options: MutationOptions<VapiSettings, SaveVapiPublicKeyBody> = {},
) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body) => saveVapiPublicKey(tenantId, body),
    onSuccess: withCacheUpdate(options, (settings) => queryClient.setQueryData(settingsKeys.vapi(tenantId), settings)),
  })
}
