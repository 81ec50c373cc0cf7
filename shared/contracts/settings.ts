import { z } from 'zod'

const Key = z.string().trim().min(8, 'Too short to be a Vapi key').max(256).regex(
  /^\S+$/,
  'Must not contain spaces',
)

export const SaveVapiKeyBody = z.object({ vapi_api_key: Key })
export type SaveVapiKeyBody = z.infer<typeof SaveVapiKeyBody>

export const SaveVapiPublicKeyBody = z.object({ vapi_public_key: Key })
export type SaveVapiPublicKeyBody = z.infer<typeof SaveVapiPublicKeyBody>

/** What the SPA may know about a tenant's Vapi integration: never a private secret, only previews. */
export const VapiSettings = z.object({
  has_vapi_key: z.boolean(),
  vapi_api_key_preview: z.string().nullable(),
  vapi_api_key_updated_at: z.string().nullable(),
  /** Public by design: the browser SDK needs it for test calls. */
  vapi_public_key: z.string().nullable(),
  has_webhook_secret: z.boolean(),
  webhook_secret_preview: z.string().nullable(),
  /** Where Vapi must send this tenant's server messages. */
  webhook_url: z.string(),
})
export type VapiSettings = z.infer<typeof VapiSettings>

/** Returned once, when a webhook secret is generated: the only time the whole secret is shown. */
export const RotateWebhookSecretResponse = z.object({
  webhook_secret: z.string(),
  settings: VapiSettings,
})
export type RotateWebhookSecretResponse = z.infer<typeof RotateWebhookSecretResponse>
