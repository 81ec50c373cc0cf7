import { type RotateWebhookSecretResponse, settingsContract } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { storeSettings } from './cache.ts'

/** Generates (or replaces) the secret Vapi presents on webhooks; the response is the only time it is shown. */
export function rotateWebhookSecret(tenantId: string) {
  return callFunction(settingsContract.routes.rotateWebhookSecret, { tenantId })
}

export function useRotateWebhookSecret(
  tenantId: string,
  options: MutationOptions<RotateWebhookSecretResponse> = {},
) {
  return useCacheMutation(() => rotateWebhookSecret(tenantId), options, storeSettings(tenantId))
}
