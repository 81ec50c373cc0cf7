import { useMutation, useQueryClient } from '@tanstack/react-query'
import { callFunction } from '@/lib/functions.ts'
import { vapiSettingsQueryOptions } from './get-vapi-settings.ts'

export function deleteVapiPublicKey(tenantId: string) {
  return callFunction('settings/vapi/public-key', { method: 'DELETE', tenantId })
}

export function useDeleteVapiPublicKey(tenantId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => deleteVapiPublicKey(tenantId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vapiSettingsQueryOptions(tenantId).queryKey }),
  })
}
