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
})
export type VapiSettings = z.infer<typeof VapiSettings>

export const SaveWebhookCredentialBody = z.object({
  credential_id: z.uuid().describe(
    'The id of a webhook credential of your Vapi organisation (Vapi dashboard → Integrations → Server Configuration)',
  ),
})
export type SaveWebhookCredentialBody = z.infer<typeof SaveWebhookCredentialBody>

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
    saveWebhookCredential: {
      method: 'PUT',
      path: '/vapi/webhook-credential',
      summary: 'Authenticate webhooks with an HMAC credential of the Vapi organisation',
      description: 'Every assistant, workflow and phone number is updated in Vapi to reference the ' +
        'credential (`server.credentialId`) instead of sending the secret.',
      access: 'settings.manage',
      body: SaveWebhookCredentialBody,
      response: WebhookAuthChange,
    },
    deleteWebhookCredential: {
      method: 'DELETE',
      path: '/vapi/webhook-credential',
      summary: 'Go back to the webhook secret',
      description: 'Every assistant, workflow and phone number is updated in Vapi to send the secret ' +
        '(generated now if there is none) as `x-vapi-secret`.',
      access: 'settings.manage',
      response: WebhookAuthChange,
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
