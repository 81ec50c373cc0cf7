import { useMutation, useQueryClient } from '@tanstack/react-query'
import { callFunction } from '@/lib/functions.ts'
import { vapiSettingsQueryOptions } from './get-vapi-settings.ts'

export function deleteVapiKey(tenantId: string) {
  return callFunction('settings/vapi', { method: 'DELETE', tenantId })
}

export function useDeleteVapiKey(tenantId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => deleteVapiKey(tenantId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vapiSettingsQueryOptions(tenantId).queryKey }),
  })
}
