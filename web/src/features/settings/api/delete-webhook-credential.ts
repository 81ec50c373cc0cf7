import { useMutation, useQueryClient } from '@tanstack/react-query'
import { settingsContract, type WebhookAuthChange } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

/** Back to the webhook secret (generated if there is none); every resource follows. */
export function deleteWebhookCredential(tenantId: string) {
  return callFunction(settingsContract.routes.deleteWebhookCredential, { tenantId })
}

export function useDeleteWebhookCredential(tenantId: string, options: MutationOptions<WebhookAuthChange> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: () => deleteWebhookCredential(tenantId),
    onSuccess: withCacheUpdate(options, ({ settings }) => queryClient.setQueryData(settingsKeys.vapi(tenantId), settings)),
  })
}
