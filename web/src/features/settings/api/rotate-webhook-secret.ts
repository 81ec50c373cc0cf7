import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type RotateWebhookSecretResponse, settingsContract } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

/** Generates (or replaces) the secret Vapi presents on webhooks; the response is the only time it is shown. */
export function rotateWebhookSecret(tenantId: string) {
  return callFunction(settingsContract.routes.rotateWebhookSecret, { tenantId })
}

export function useRotateWebhookSecret(
  tenantId: string,
  options: MutationOptions<RotateWebhookSecretResponse> = {},
) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: () => rotateWebhookSecret(tenantId),
    onSuccess: withCacheUpdate(options, ({ settings }) => queryClient.setQueryData(settingsKeys.vapi(tenantId), settings)),
  })
}
