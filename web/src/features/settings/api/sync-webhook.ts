import { settingsContract, type WebhookAuthChange } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { storeSettings } from './cache.ts'

/** Pushes the webhook authentication to every Vapi resource again (the retry after failures). */
export function syncWebhook(tenantId: string) {
  return callFunction(settingsContract.routes.syncWebhook, { tenantId })
}

export function useSyncWebhook(tenantId: string, options: MutationOptions<WebhookAuthChange> = {}) {
  return useCacheMutation(() => syncWebhook(tenantId), options, storeSettings(tenantId))
}
