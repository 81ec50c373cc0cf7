import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type SaveVapiKeyBody, VapiSettings } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { vapiSettingsQueryOptions } from './get-vapi-settings.ts'

/** The server checks the key against Vapi before sealing it: a revoked key answers 422 vapi_key_invalid. */
export function saveVapiKey(tenantId: string, body: SaveVapiKeyBody) {
  return callFunction('settings/vapi', { method: 'POST', tenantId, body, schema: VapiSettings })
}

export function useSaveVapiKey(tenantId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SaveVapiKeyBody) => saveVapiKey(tenantId, body),
    onSuccess: (settings) => queryClient.setQueryData(vapiSettingsQueryOptions(tenantId).queryKey, settings),
  })
}
