import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type SaveVapiPublicKeyBody, VapiSettings } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { vapiSettingsQueryOptions } from './get-vapi-settings.ts'

export function saveVapiPublicKey(tenantId: string, body: SaveVapiPublicKeyBody) {
  return callFunction('settings/vapi/public-key', { method: 'PUT', tenantId, body, schema: VapiSettings })
}

export function useSaveVapiPublicKey(tenantId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SaveVapiPublicKeyBody) => saveVapiPublicKey(tenantId, body),
    onSuccess: (settings) => queryClient.setQueryData(vapiSettingsQueryOptions(tenantId).queryKey, settings),
  })
}
