import { settingsContract, type WebhookAuthChange } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { storeSettings } from './cache.ts'

/** Back to the webhook secret (generated if there is none); every resource follows. */
export function deleteHmacCredential(tenantId: string) {
  return callFunction(settingsContract.routes.deleteHmacCredential, { tenantId })
}

export function useDeleteHmacCredential(tenantId: string, options: MutationOptions<WebhookAuthChange> = {}) {
  return useCacheMutation(() => deleteHmacCredential(tenantId), options, storeSettings(tenantId))
}
