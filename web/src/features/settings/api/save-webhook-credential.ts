import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  type SaveWebhookCredentialBody,
  settingsContract,
  type WebhookAuthChange,
} from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

/** Switches webhooks to an HMAC credential of the tenant's Vapi organisation; every resource follows. */
export function saveWebhookCredential(tenantId: string, body: SaveWebhookCredentialBody) {
  return callFunction(settingsContract.routes.saveWebhookCredential, { tenantId, body })
}

export function useSaveWebhookCredential(
  tenantId: string,
  options: MutationOptions<WebhookAuthChange, SaveWebhookCredentialBody> = {},
) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body) => saveWebhookCredential(tenantId, body),
    onSuccess: withCacheUpdate(options, ({ settings }) => queryClient.setQueryData(settingsKeys.vapi(tenantId), settings)),
  })
}
