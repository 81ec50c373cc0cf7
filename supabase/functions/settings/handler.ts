/**
 * Tenant settings. Vapi (bring your own key): the private API key (validated against Vapi before it is
 * stored, sealed, shown only as a preview), the public key for browser test calls, and the webhook secret.
 */
import { settingsContract, type VapiSettings } from '../../../shared/contracts/settings.ts'
import { webhookUrl } from '../../../shared/contracts/webhooks.ts'
import { removeCredential, storeCredential, storedCredentials } from '../_shared/credentials.ts'
import type { Tx } from '../_shared/db.ts'
import type { Env } from '../_shared/env.ts'
import { AppError, UnprocessableContent } from '../_shared/errors.ts'
import { defineFunction } from '../_shared/function.ts'
import { preview, randomSecret } from '../_shared/secrets.ts'
import {
  createVapiFactory,
  loadVapiEnv,
  VAPI_PROVIDERS,
  type VapiFactory,
  vapiFailure,
  vapiUnreachable,
} from '../_shared/vapi.ts'

const REMOVALS = {
  apiKey: { provider: VAPI_PROVIDERS.apiKey, action: 'settings.vapi_key.deleted' },
  publicKey: { provider: VAPI_PROVIDERS.publicKey, action: 'settings.vapi_public_key.deleted' },
} as const

export default defineFunction({
  contract: settingsContract,
  deps: (_core, source) => ({ vapi: createVapiFactory(loadVapiEnv(source)) }),
  operations: {
    getVapi: ({ tx, tenant, deps }) => readVapiSettings(tx, deps.env, tenant),

    saveVapiKey: async ({ tx, tenant, claims, deps, input }) => {
      const key = input.body.vapi_api_key
      // The route helper checked settings.manage first, so this cannot be used to test keys against Vapi.
      await storeCredential(tx, deps.secrets, {
        tenant,
        actor: claims.sub,
        provider: VAPI_PROVIDERS.apiKey,
        secret: key,
        preview: preview(key),
        action: 'settings.vapi_key.saved',
        validate: (secret) => validateVapiKey(deps.vapi, secret),
      })
      return await readVapiSettings(tx, deps.env, tenant)
    },

    deleteVapiKey: async ({ tx, tenant, claims }) => {
      await removeCredential(tx, { tenant, actor: claims.sub, ...REMOVALS.apiKey })
    },

    saveVapiPublicKey: async ({ tx, tenant, claims, deps, input }) => {
      const key = input.body.vapi_public_key
      // Public by design (the browser SDK holds it), so its "preview" is the whole key.
      await storeCredential(tx, deps.secrets, {
        tenant,
        actor: claims.sub,
        provider: VAPI_PROVIDERS.publicKey,
        secret: key,
        preview: key,
        action: 'settings.vapi_public_key.saved',
      })
      return await readVapiSettings(tx, deps.env, tenant)
    },

    deleteVapiPublicKey: async ({ tx, tenant, claims }) => {
      await removeCredential(tx, { tenant, actor: claims.sub, ...REMOVALS.publicKey })
    },

    rotateWebhookSecret: async ({ tx, tenant, claims, deps }) => {
      const secret = randomSecret()
      await storeCredential(tx, deps.secrets, {
        tenant,
        actor: claims.sub,
        provider: VAPI_PROVIDERS.webhookSecret,
        secret,
        preview: preview(secret),
        action: 'settings.vapi_webhook_secret.rotated',
      })
      return { webhook_secret: secret, settings: await readVapiSettings(tx, deps.env, tenant) }
    },
  },
})

/** Calls Vapi with the key before anything is stored: a refused key is the user's input error (422). */
async function validateVapiKey(vapi: VapiFactory, apiKey: string): Promise<void> {
  try {
    await vapi(apiKey).assistants.list({ limit: 1 })
  } catch (error) {
    const failure = vapiFailure(error)
    if (failure === 'rejected') {
      throw new UnprocessableContent('vapi_key_invalid', 'Vapi refused this API key', {
        detail: 'Copy the private API key from the Vapi dashboard (Organization → API Keys)',
        errors: [{ field: 'vapi_api_key', message: 'Vapi refused this key', code: 'vapi_key_invalid' }],
      })
    }
    if (failure === 'unreachable') throw vapiUnreachable()
    throw new AppError(502, 'vapi_error', 'Vapi could not check the key', {
      detail: 'Vapi answered unexpectedly; try again later',
    })
  }
}

async function readVapiSettings(tx: Tx, env: Env, tenant: string): Promise<VapiSettings> {
  const stored = await storedCredentials(tx, tenant, Object.values(VAPI_PROVIDERS))
  const key = stored.get(VAPI_PROVIDERS.apiKey)
  const webhook = stored.get(VAPI_PROVIDERS.webhookSecret)
  return {
    has_vapi_key: key !== undefined,
    vapi_api_key_preview: key?.preview ?? null,
    vapi_api_key_updated_at: key ? key.updated_at.toISOString() : null,
    vapi_public_key: stored.get(VAPI_PROVIDERS.publicKey)?.preview ?? null,
    has_webhook_secret: webhook !== undefined,
    webhook_secret_preview: webhook?.preview ?? null,
    webhook_url: webhookUrl(env.SUPABASE_URL, 'vapi', tenant),
  }
}
