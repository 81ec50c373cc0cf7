/**
 * Tenant settings. Vapi (bring your own key): the private API key (validated against Vapi before it is
 * stored, sealed, shown only as a preview), the public key for browser test calls, and the webhook secret.
 */
import { settingsContract, type VapiSettings } from '../../../shared/contracts/settings.ts'
import { webhookUrl } from '../../../shared/contracts/webhooks.ts'
import { removeCredential, storeCredential, storedCredentials } from '../_shared/credentials.ts'
import type { Claims } from '../_shared/auth.ts'
import type { Tx } from '../_shared/db.ts'
import type { Env } from '../_shared/env.ts'
import { AppError, UnprocessableContent } from '../_shared/errors.ts'
import { defineFunction } from '../_shared/function.ts'
import { preview, randomSecret, type Secrets } from '../_shared/secrets.ts'
import {
  createVapiFactory,
  loadVapiEnv,
  VAPI_PROVIDERS,
  type VapiFactory,
  vapiFailure,
  vapiUnreachable,
} from '../_shared/vapi.ts'

/** The tenant's Vapi credentials: their provider name, how each is shown and audited. */
const CREDENTIALS = {
  apiKey: {
    provider: VAPI_PROVIDERS.apiKey,
    shown: preview,
    saved: 'settings.vapi_key.saved',
    deleted: 'settings.vapi_key.deleted',
  },
  // Public by design (the browser SDK holds it), so it is shown whole.
  publicKey: {
    provider: VAPI_PROVIDERS.publicKey,
    shown: (key: string) => key,
    saved: 'settings.vapi_public_key.saved',
    deleted: 'settings.vapi_public_key.deleted',
  },
  webhookSecret: {
    provider: VAPI_PROVIDERS.webhookSecret,
    shown: preview,
    saved: 'settings.vapi_webhook_secret.rotated',
  },
} as const

interface Caller {
  tx: Tx
  tenant: string
  claims: Claims
  deps: { secrets: Secrets }
}

function save(
  { tx, tenant, claims, deps }: Caller,
  kind: keyof typeof CREDENTIALS,
  secret: string,
  validate?: (secret: string) => Promise<void>,
) {
  const { provider, shown, saved } = CREDENTIALS[kind]
  return storeCredential(tx, deps.secrets, {
    tenant,
    actor: claims.sub,
    provider,
    secret,
    preview: shown(secret),
    action: saved,
    validate,
  })
}

async function remove({ tx, tenant, claims }: Caller, kind: 'apiKey' | 'publicKey'): Promise<void> {
  const { provider, deleted } = CREDENTIALS[kind]
  await removeCredential(tx, { tenant, actor: claims.sub, provider, action: deleted })
}

export default defineFunction({
  contract: settingsContract,
  deps: (_core, source) => ({ vapi: createVapiFactory(loadVapiEnv(source)) }),
  operations: {
    getVapi: ({ tx, tenant, deps }) => readVapiSettings(tx, deps.env, tenant),

    saveVapiKey: async (ctx) => {
      // The route helper checked settings.manage first, so this cannot be used to test keys against Vapi.
      await save(ctx, 'apiKey', ctx.input.body.vapi_api_key, (key) => validateVapiKey(ctx.deps.vapi, key))
      return await readVapiSettings(ctx.tx, ctx.deps.env, ctx.tenant)
    },

    deleteVapiKey: (ctx) => remove(ctx, 'apiKey'),

    saveVapiPublicKey: async (ctx) => {
      await save(ctx, 'publicKey', ctx.input.body.vapi_public_key)
      return await readVapiSettings(ctx.tx, ctx.deps.env, ctx.tenant)
    },

    deleteVapiPublicKey: (ctx) => remove(ctx, 'publicKey'),

    rotateWebhookSecret: async (ctx) => {
      const secret = randomSecret()
      await save(ctx, 'webhookSecret', secret)
      return { webhook_secret: secret, settings: await readVapiSettings(ctx.tx, ctx.deps.env, ctx.tenant) }
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
