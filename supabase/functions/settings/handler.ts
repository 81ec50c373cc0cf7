/**
 * Tenant settings. Vapi (bring your own key): the private API key (validated against Vapi before it is
 * stored, sealed, shown only as a preview), the public key for browser test calls, and how Vapi
 * authenticates to our webhook (the secret, or an HMAC credential: its id and its secret), pushed to every
 * resource in Vapi whenever it changes (`propagation.ts`), with the deliveries the webhook refused. And the
 * signed-in user's phones for push notifications (`push-devices.ts`).
 */
import {
  settingsContract,
  type VapiSettings,
  type WebhookAuthChange,
} from '../../../shared/contracts/settings.ts'
import { webhookUrl } from '../../../shared/contracts/webhooks.ts'
import { removeCredential, storeCredential, storedCredentials } from '../_shared/credentials.ts'
import type { Tx } from '../_shared/db.ts'
import type { Env } from '../_shared/env.ts'
import { AppError, UnprocessableContent } from '../_shared/errors.ts'
import { defineFunction } from '../_shared/function.ts'
import { preview, randomSecret } from '../_shared/secrets.ts'
import { serverConfig, type VoiceCaller, voiceDeps } from '../_shared/voice.ts'
import { audit } from '../_shared/audit.ts'
import { propagateServer, tenantVapiIfConfigured } from './propagation.ts'
import { deletePushDevice, listPushDevices, registerPushDevice } from './push-devices.ts'
import { VAPI_PROVIDERS, type VapiFactory, vapiFailure, vapiUnreachable } from '../_shared/vapi.ts'

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
  // A public identifier of the tenant's Vapi organisation, shown whole (webhookCredentialId reads the preview).
  webhookCredential: {
    provider: VAPI_PROVIDERS.webhookCredential,
    shown: (id: string) => id,
    saved: 'settings.vapi_webhook_credential.saved',
    deleted: 'settings.vapi_webhook_credential.deleted',
  },
  // The credential's secret key: the webhook checks each delivery's signature with it.
  webhookHmac: {
    provider: VAPI_PROVIDERS.webhookHmac,
    shown: preview,
    saved: 'settings.vapi_webhook_hmac.saved',
    deleted: 'settings.vapi_webhook_hmac.deleted',
  },
} as const

function save(
  { tx, tenant, claims, deps }: VoiceCaller,
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

async function remove(
  { tx, tenant, claims }: VoiceCaller,
  kind: 'apiKey' | 'publicKey' | 'webhookCredential' | 'webhookHmac',
): Promise<void> {
  const { provider, deleted } = CREDENTIALS[kind]
  await removeCredential(tx, { tenant, actor: claims.sub, provider, action: deleted })
}

export default defineFunction({
  contract: settingsContract,
  deps: voiceDeps,
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
      return { webhook_secret: secret, ...await syncWebhook(ctx) }
    },

    saveHmacCredential: async (ctx) => {
      // Both or neither: the id makes Vapi sign, the secret lets the webhook check the signature.
      await save(ctx, 'webhookCredential', ctx.input.body.credential_id)
      await save(ctx, 'webhookHmac', ctx.input.body.secret)
      return await syncWebhook(ctx)
    },

    deleteHmacCredential: async (ctx) => {
      await remove(ctx, 'webhookCredential')
      await remove(ctx, 'webhookHmac')
      return await syncWebhook(ctx)
    },

    registerPushToken: ({ tx, input }) => registerPushDevice(tx, input.body),

    listPushTokens: async ({ tx, claims }) => ({ items: await listPushDevices(tx, claims.sub) }),

    deletePushToken: ({ tx, input }) => deletePushDevice(tx, input.params.id),

    syncWebhook: (ctx) => syncWebhook(ctx),
  },
})

/**
 * Pushes the tenant's current webhook authentication to all its resources in Vapi (its credential id, else
 * its secret, generated now when it has none: serverConfig) and audits what happened. Without a Vapi key
 * there is nothing in Vapi to update.
 */
async function syncWebhook(caller: VoiceCaller): Promise<WebhookAuthChange> {
  const { tx, tenant, deps } = caller
  const server = await serverConfig(caller)
  const propagation = await propagateServer(tx, tenant, await tenantVapiIfConfigured(caller), server)
  await audit(tx, {
    tenantId: tenant,
    actor: caller.claims.sub,
    action: 'settings.vapi_webhook.synced',
    target: server.credentialId ? VAPI_PROVIDERS.webhookCredential : VAPI_PROVIDERS.webhookSecret,
    details: {
      assistants: propagation.assistants,
      workflows: propagation.workflows,
      phone_numbers: propagation.phone_numbers,
      failed: propagation.failed.map(({ kind, id }) => ({ kind, id })),
    },
  })
  return {
    settings: await readVapiSettings(tx, deps.env, tenant),
    propagation,
    webhook_synced_at: deps.clock.now().toISOString(),
  }
}

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
  const [rejections] = await tx<
    { rejected: number; last_rejected_at: Date | null; last_reason: string | null }[]
  >`
    select rejected, last_rejected_at, last_reason from public.webhook_rejections
    where tenant_id = ${tenant} and provider = 'vapi'`
  const key = stored.get(VAPI_PROVIDERS.apiKey)
  const webhook = stored.get(VAPI_PROVIDERS.webhookSecret)
  const credentialId = stored.get(VAPI_PROVIDERS.webhookCredential)?.preview ?? null
  return {
    has_vapi_key: key !== undefined,
    vapi_api_key_preview: key?.preview ?? null,
    vapi_api_key_updated_at: key ? key.updated_at.toISOString() : null,
    vapi_public_key: stored.get(VAPI_PROVIDERS.publicKey)?.preview ?? null,
    has_webhook_secret: webhook !== undefined,
    webhook_secret_preview: webhook?.preview ?? null,
    webhook_url: webhookUrl(env.SUPABASE_URL, 'vapi', tenant),
    webhook_credential_id: credentialId,
    webhook_auth: credentialId !== null ? 'hmac_credential' : webhook !== undefined ? 'secret' : 'none',
    rejected_deliveries: rejections?.rejected ?? 0,
    last_rejected_at: rejections?.last_rejected_at?.toISOString() ?? null,
    last_rejected_reason: rejections?.last_reason ?? null,
  }
}
