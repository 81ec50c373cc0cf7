import { settingsContract, type WebhookAuthChange } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { storeSettings } from './cache.ts'

/** Back to the webhook secret (generated if there is none); every resource follows. */
export function deleteWebhookCredential(tenantId: string) {
  return callFunction(settingsContract.routes.deleteWebhookCredential, { tenantId })
}

export function useDeleteWebhookCredential(tenantId: string, options: MutationOptions<WebhookAuthChange> = {}) {
  return useCacheMutation(() => deleteWebhookCredential(tenantId), options, storeSettings(tenantId))
}
