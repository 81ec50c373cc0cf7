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
})
export type VapiSettings = z.infer<typeof VapiSettings>

/** Returned once, when a webhook secret is generated: the only time the whole secret is shown. */
export const RotateWebhookSecretResponse = z.object({
  webhook_secret: z.string().describe('The whole secret: shown this once, only previewed afterwards'),
  settings: VapiSettings,
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
      description: 'The response is the only time the whole secret is shown.',
      access: 'settings.manage',
      response: RotateWebhookSecretResponse,
    },
  },
})
