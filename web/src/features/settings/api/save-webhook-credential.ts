import {
  type SaveWebhookCredentialBody,
  settingsContract,
  type WebhookAuthChange,
} from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { storeSettings } from './cache.ts'

/** Switches webhooks to an HMAC credential of the tenant's Vapi organisation; every resource follows. */
export function saveWebhookCredential(tenantId: string, body: SaveWebhookCredentialBody) {
  return callFunction(settingsContract.routes.saveWebhookCredential, { tenantId, body })
}

export function useSaveWebhookCredential(
  tenantId: string,
  options: MutationOptions<WebhookAuthChange, SaveWebhookCredentialBody> = {},
) {
  return useCacheMutation((body) => saveWebhookCredential(tenantId, body), options, storeSettings(tenantId))
}
