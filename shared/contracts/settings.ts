import { z } from 'zod'
import { defineContract } from './route.ts'

// Keys travel in an Authorization header: printable ASCII only (a space, a control character or a letter
// beyond ISO-8859-1 cannot be sent there, and no Vapi key has one).
const Key = z.string().trim().min(8, 'Too short to be a Vapi key').max(256).regex(
  /^[\x21-\x7e]+$/,
  'Must be printable ASCII without spaces',
)

export const SaveVapiKeyBody = z.object({
  vapi_api_key: Key.describe(
    'The private API key of your Vapi organisation (Vapi dashboard → Organization → API Keys)',
  ),
})
export type SaveVapiKeyBody = z.infer<typeof SaveVapiKeyBody>

export const SaveVapiPublicKeyBody = z.object({
  vapi_public_key: Key.describe(
    'The public key of your Vapi organisation, used by the browser for test calls',
  ),
})
export type SaveVapiPublicKeyBody = z.infer<typeof SaveVapiPublicKeyBody>

/**
 * How Vapi authenticates to our webhook: the tenant's secret as `x-vapi-secret`, the HMAC credential it saved
 * from its Vapi dashboard, or nothing yet (no secret until its first Vapi resource or a rotation).
 */
export const WebhookAuth = z.enum(['secret', 'hmac_credential', 'none'])
export type WebhookAuth = z.infer<typeof WebhookAuth>

/** What the SPA may know about a tenant's Vapi integration: never a private secret, only previews. */
export const VapiSettings = z.object({
  has_vapi_key: z.boolean(),
  vapi_api_key_preview: z.string().nullable().describe('A prefix and the last 4 characters (sk_live_…9f2c)'),
  vapi_api_key_updated_at: z.iso.datetime().nullable().describe('When the key was last saved'),
  vapi_public_key: z.string().nullable().describe(
    'Public by design: the browser SDK needs it for test calls',
  ),
  has_webhook_secret: z.boolean(),
  webhook_secret_preview: z.string().nullable(),
  webhook_url: z.string().describe("Where Vapi must send this tenant's server messages"),
  webhook_credential_id: z.uuid().nullable().describe(
    'The HMAC credential (Vapi dashboard) Vapi signs server messages with, instead of the secret',
  ),
  webhook_auth: WebhookAuth,
  rejected_deliveries: z.int().min(0).describe(
    'Webhook deliveries refused because their secret or signature was missing, wrong or stale',
  ),
  last_rejected_at: z.iso.datetime().nullable(),
  last_rejected_reason: z.string().nullable().describe('Why the last one was refused (never the secret)'),
})
export type VapiSettings = z.infer<typeof VapiSettings>

export const SaveHmacCredentialBody = z.object({
  credential_id: z.uuid().describe(
    'The id of an HMAC webhook credential of your Vapi organisation (Vapi dashboard → Integrations → ' +
      'Server Configuration)',
  ),
  secret: z.string().min(16, 'At least 16 characters').max(512).regex(
    /^[\x21-\x7e]+$/,
    'Must be printable ASCII without spaces',
  ).describe("The credential's secret key: stored sealed, used to check each delivery's x-signature"),
})
export type SaveHmacCredentialBody = z.infer<typeof SaveHmacCredentialBody>

/** A phone of the signed-in user that receives push notifications (Expo). */
export const RegisterPushTokenBody = z.object({
  token: z.string().trim().regex(
    /^(Exponent|Expo)PushToken\[[A-Za-z0-9_-]{1,200}\]$/,
    'An Expo push token: ExponentPushToken[…]',
  ),
  platform: z.enum(['ios', 'android', 'web']).optional(),
  device_name: z.string().trim().min(1).max(120).optional(),
})
export type RegisterPushTokenBody = z.infer<typeof RegisterPushTokenBody>

export const PushDevice = z.object({
  id: z.uuid(),
  token: z.string(),
  platform: z.enum(['ios', 'android', 'web']).nullable(),
  device_name: z.string().nullable(),
  created_at: z.iso.datetime(),
  last_used_at: z.iso.datetime().nullable(),
})
export type PushDevice = z.infer<typeof PushDevice>

/** One resource Vapi did not update: its kind, our id, its name and why. */
export const PropagationFailure = z.object({
  kind: z.enum(['assistant', 'workflow', 'phone_number']),
  id: z.uuid(),
  name: z.string().nullable(),
  reason: z.string().describe("Vapi's answer, or why it could not be reached"),
})
export type PropagationFailure = z.infer<typeof PropagationFailure>

/** How many resources now carry the tenant's webhook authentication in Vapi, and which did not take it. */
export const WebhookPropagation = z.object({
  assistants: z.int().min(0),
  workflows: z.int().min(0),
  phone_numbers: z.int().min(0),
  failed: z.array(PropagationFailure),
})
export type WebhookPropagation = z.infer<typeof WebhookPropagation>

/** After a change of webhook authentication: the settings, and what was pushed to Vapi. */
export const WebhookAuthChange = z.object({
  settings: VapiSettings,
  propagation: WebhookPropagation,
  webhook_synced_at: z.iso.datetime().describe('When the resources were pushed to Vapi'),
})
export type WebhookAuthChange = z.infer<typeof WebhookAuthChange>

/** Returned once, when a webhook secret is generated: the only time the whole secret is shown. */
export const RotateWebhookSecretResponse = WebhookAuthChange.extend({
  webhook_secret: z.string().describe('The whole secret: shown this once, only previewed afterwards'),
})
export type RotateWebhookSecretResponse = z.infer<typeof RotateWebhookSecretResponse>

const VAPI_KEY_PROBLEMS = [
  {
    status: 422,
    code: 'vapi_key_invalid',
    description: 'Vapi refused the key (revoked, or not a private key)',
  },
  { status: 502, code: 'vapi_unreachable', description: 'Vapi did not answer in time; nothing was saved' },
  { status: 502, code: 'vapi_error', description: 'Vapi answered unexpectedly; nothing was saved' },
] as const

/** The `settings` function: a tenant's integrations. Every change is audited. */
export const settingsContract = defineContract({
  name: 'settings',
  summary: "A tenant's integration settings: its own Vapi account (bring your own key)",
  routes: {
    getVapi: {
      method: 'GET',
      path: '/vapi',
      summary: 'Read the Vapi integration (previews only)',
      access: 'settings.read',
      response: VapiSettings,
    },
    saveVapiKey: {
      method: 'POST',
      path: '/vapi',
      summary: 'Save or replace the Vapi private API key',
      description:
        'The key is checked against Vapi first, then sealed (AES-256-GCM); only a preview is returned.',
      access: 'settings.manage',
      body: SaveVapiKeyBody,
      response: VapiSettings,
      problems: VAPI_KEY_PROBLEMS,
    },
    deleteVapiKey: {
      method: 'DELETE',
      path: '/vapi',
      summary: 'Delete the Vapi private API key',
      access: 'settings.manage',
      response: null,
    },
    saveVapiPublicKey: {
      method: 'PUT',
      path: '/vapi/public-key',
      summary: 'Save or replace the Vapi public key (browser test calls)',
      access: 'settings.manage',
      body: SaveVapiPublicKeyBody,
      response: VapiSettings,
    },
    deleteVapiPublicKey: {
      method: 'DELETE',
      path: '/vapi/public-key',
      summary: 'Delete the Vapi public key',
      access: 'settings.manage',
      response: null,
    },
    rotateWebhookSecret: {
      method: 'POST',
      path: '/vapi/webhook-secret',
      summary: 'Generate or replace the secret Vapi presents on webhooks',
      description: 'The response is the only time the whole secret is shown. Every assistant, workflow ' +
        'and phone number of the tenant is then updated in Vapi; those Vapi refuses are listed in ' +
        '`propagation.failed` (the secret is rotated all the same: retry with `POST /vapi/webhook-sync`).',
      access: 'settings.manage',
      response: RotateWebhookSecretResponse,
    },
    saveHmacCredential: {
      method: 'PUT',
      path: '/vapi/hmac-credential',
      summary: 'Authenticate webhooks with an HMAC credential of the Vapi organisation',
      description: 'The secret is sealed; each delivery must then carry `x-signature`, the hex ' +
        'HMAC-SHA256 of `{x-timestamp}.{raw body}`, with a timestamp within 5 minutes. Every assistant, ' +
        'workflow and phone number is updated in Vapi to reference the credential (`server.credentialId`).',
      access: 'settings.manage',
      body: SaveHmacCredentialBody,
      response: WebhookAuthChange,
    },
    deleteHmacCredential: {
      method: 'DELETE',
      path: '/vapi/hmac-credential',
      summary: 'Go back to the webhook secret',
      description: 'Every assistant, workflow and phone number is updated in Vapi to send the secret ' +
        '(generated now if there is none) as `x-vapi-secret`.',
      access: 'settings.manage',
      response: WebhookAuthChange,
    },
    registerPushToken: {
      method: 'POST',
      path: '/push-tokens',
      summary: "Register one of the signed-in user's phones for push notifications",
      description: 'Idempotent on the token; a token another user registered moves to this one (the phone ' +
        'changed hands). Which notifications are pushed is chosen per tenant (notifications preferences).',
      access: 'user',
      body: RegisterPushTokenBody,
      response: PushDevice,
      status: 201,
    },
    listPushTokens: {
      method: 'GET',
      path: '/push-tokens',
      summary: "The signed-in user's registered phones",
      access: 'user',
      response: z.object({ items: z.array(PushDevice) }),
    },
    deletePushToken: {
      method: 'DELETE',
      path: '/push-tokens/:id',
      summary: 'Stop push notifications to one phone',
      access: 'user',
      params: z.object({ id: z.uuid() }),
      response: null,
    },
    syncWebhook: {
      method: 'POST',
      path: '/vapi/webhook-sync',
      summary: 'Push the webhook authentication to every Vapi resource again (retry after failures)',
      access: 'settings.manage',
      response: WebhookAuthChange,
    },
  },
})
