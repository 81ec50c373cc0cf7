import { useMutation, useQueryClient } from '@tanstack/react-query'
import { settingsContract, type WebhookAuthChange } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

/** Pushes the webhook authentication to every Vapi resource again (the retry after failures). */
export function syncWebhook(tenantId: string) {
  return callFunction(settingsContract.routes.syncWebhook, { tenantId })
}

export function useSyncWebhook(tenantId: string, options: MutationOptions<WebhookAuthChange> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: () => syncWebhook(tenantId),
    onSuccess: withCacheUpdate(options, ({ settings }) => queryClient.setQueryData(settingsKeys.vapi(tenantId), settings)),
  })
}
