import { useMutation, useQueryClient } from '@tanstack/react-query'
import { RotateWebhookSecretResponse } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { vapiSettingsQueryOptions } from './get-vapi-settings.ts'

/** Generates (or replaces) the secret Vapi signs its webhooks with; the response is the only time it is shown. */
export function rotateWebhookSecret(tenantId: string) {
  return callFunction('settings/vapi/webhook-secret', {
    method: 'POST',
    tenantId,
    schema: RotateWebhookSecretResponse,
  })
}

export function useRotateWebhookSecret(tenantId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => rotateWebhookSecret(tenantId),
    onSuccess: ({ settings }) =>
      queryClient.setQueryData(vapiSettingsQueryOptions(tenantId).queryKey, settings),
  })
}
