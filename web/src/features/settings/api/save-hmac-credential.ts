import { type SaveHmacCredentialBody, settingsContract, type WebhookAuthChange } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { storeSettings } from './cache.ts'

/**
 * Switches webhooks to an HMAC credential of the tenant's Vapi organisation: its id and its secret (sent this
 * once, sealed by the server, never answered back); every resource follows.
 */
export function saveHmacCredential(tenantId: string, body: SaveHmacCredentialBody) {
  return callFunction(settingsContract.routes.saveHmacCredential, { tenantId, body })
}

export function useSaveHmacCredential(
  tenantId: string,
  options: MutationOptions<WebhookAuthChange, SaveHmacCredentialBody> = {},
) {
  return useCacheMutation((body) => saveHmacCredential(tenantId, body), options, storeSettings(tenantId))
}
