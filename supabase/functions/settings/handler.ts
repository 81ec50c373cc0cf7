/**
 * Tenant settings. Vapi (bring your own key): the private API key (validated against Vapi before it is
 * stored, sealed, shown only as a preview), the public key for browser test calls, and the webhook secret.
 */
import {
  type RotateWebhookSecretResponse,
  SaveVapiKeyBody,
  SaveVapiPublicKeyBody,
  type VapiSettings,
} from '../../../shared/contracts/settings.ts'
import { audit } from '../_shared/audit.ts'
import type { Claims } from '../_shared/auth.ts'
import type { Tx } from '../_shared/db.ts'
import type { Deps } from '../_shared/deps.ts'
import { AppError, UnprocessableContent } from '../_shared/errors.ts'
import { createApp, parseBody, requirePermission, tenantId } from '../_shared/http.ts'
import { preview, randomSecret } from '../_shared/secrets.ts'
import { VAPI_PROVIDERS, vapiFailure, vapiUnreachable } from '../_shared/vapi.ts'

type Provider = (typeof VAPI_PROVIDERS)[keyof typeof VAPI_PROVIDERS]

export function createHandler(deps: Deps): (req: Request) => Promise<Response> {
  const app = createApp('settings', deps)

  app.get('/vapi', async (c) => {
    const tenant = tenantId(c)
    const settings = await deps.db.asUser(c.var.claims, async (tx) => {
      await requirePermission(tx, tenant, 'settings.read')
      return await readVapiSettings(tx, deps, tenant)
    })
    return c.json(settings satisfies VapiSettings)
  })

  app.post('/vapi', async (c) => {
    const tenant = tenantId(c)
    const { vapi_api_key } = await parseBody(c, SaveVapiKeyBody)
    // Check the permission first so the endpoint cannot be used to test keys against Vapi.
    await deps.db.asUser(c.var.claims, (tx) => requirePermission(tx, tenant, 'settings.manage'))
    await validateVapiKey(deps, vapi_api_key)
    const settings = await storeCredential(c.var.claims, tenant, VAPI_PROVIDERS.apiKey, vapi_api_key, {
      shown: preview(vapi_api_key),
      action: 'settings.vapi_key.saved',
    })
    return c.json(settings satisfies VapiSettings)
  })

  app.delete(
    '/vapi',
    (c) => removeCredential(c.var.claims, tenantId(c), VAPI_PROVIDERS.apiKey, 'settings.vapi_key.deleted'),
  )

  app.put('/vapi/public-key', async (c) => {
    const tenant = tenantId(c)
    const { vapi_public_key } = await parseBody(c, SaveVapiPublicKeyBody)
    // Public by design (the browser SDK holds it), so its "preview" is the whole key.
    const settings = await storeCredential(c.var.claims, tenant, VAPI_PROVIDERS.publicKey, vapi_public_key, {
      shown: vapi_public_key,
      action: 'settings.vapi_public_key.saved',
    })
    return c.json(settings satisfies VapiSettings)
  })

  app.delete(
    '/vapi/public-key',
    (c) =>
      removeCredential(
        c.var.claims,
        tenantId(c),
        VAPI_PROVIDERS.publicKey,
        'settings.vapi_public_key.deleted',
      ),
  )

  app.post('/vapi/webhook-secret', async (c) => {
    const tenant = tenantId(c)
    const secret = randomSecret()
    const settings = await storeCredential(c.var.claims, tenant, VAPI_PROVIDERS.webhookSecret, secret, {
      shown: preview(secret),
      action: 'settings.vapi_webhook_secret.rotated',
    })
    return c.json({ webhook_secret: secret, settings } satisfies RotateWebhookSecretResponse)
  })

  /** Seals and stores a credential, audits it with its preview only, and answers the new settings. */
  async function storeCredential(
    claims: Claims,
    tenant: string,
    provider: Provider,
    plaintext: string,
    { shown, action }: { shown: string; action: string },
  ): Promise<VapiSettings> {
    return await deps.db.asUser(claims, async (tx) => {
      await requirePermission(tx, tenant, 'settings.manage')
      await saveCredential(tx, deps, tenant, provider, plaintext, shown)
      await audit(tx, {
        tenantId: tenant,
        actor: claims.sub,
        action,
        target: provider,
        details: { preview: shown },
      })
      return await readVapiSettings(tx, deps, tenant)
    })
  }

  async function removeCredential(claims: Claims, tenant: string, provider: Provider, action: string) {
    const settings = await deps.db.asUser(claims, async (tx) => {
      await requirePermission(tx, tenant, 'settings.manage')
      const deleted = await tx`
        delete from public.provider_credentials where tenant_id = ${tenant} and provider = ${provider} returning id`
      if (deleted.length > 0) {
        await audit(tx, { tenantId: tenant, actor: claims.sub, action, target: provider })
      }
      return await readVapiSettings(tx, deps, tenant)
    })
    return Response.json(settings satisfies VapiSettings)
  }

  return async (req) => await app.fetch(req)
}

/** Calls Vapi with the key before anything is stored: a refused key is the user's input error (422). */
async function validateVapiKey(deps: Deps, apiKey: string): Promise<void> {
  try {
    await deps.vapi(apiKey).assistants.list({ limit: 1 })
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

/**
 * Inserts or replaces a sealed credential; grants and RLS (settings.manage) guard the write, a trigger stamps
 * who and when. The plaintext never reaches the database.
 */
async function saveCredential(
  tx: Tx,
  deps: Deps,
  tenant: string,
  provider: Provider,
  plaintext: string,
  shown: string,
): Promise<void> {
  const sealed = await deps.secrets.seal(plaintext, { tenantId: tenant, provider })
  await tx`select public.upsert_provider_credential(${tenant}, ${provider}, ${sealed.text}, ${sealed.keyId}, ${shown})`
}

export async function readVapiSettings(tx: Tx, deps: Deps, tenant: string): Promise<VapiSettings> {
  const rows = await tx<{ provider: string; preview: string; updated_at: Date }[]>`
    select provider, preview, updated_at from public.provider_credentials
    where tenant_id = ${tenant} and provider in ${tx(Object.values(VAPI_PROVIDERS))}`
  const by = new Map(rows.map((r) => [r.provider, r]))
  const key = by.get(VAPI_PROVIDERS.apiKey)
  const webhook = by.get(VAPI_PROVIDERS.webhookSecret)
  return {
    has_vapi_key: key !== undefined,
    vapi_api_key_preview: key?.preview ?? null,
    vapi_api_key_updated_at: key ? new Date(key.updated_at).toISOString() : null,
    vapi_public_key: by.get(VAPI_PROVIDERS.publicKey)?.preview ?? null,
    has_webhook_secret: webhook !== undefined,
    webhook_secret_preview: webhook?.preview ?? null,
    webhook_url: `${deps.env.SUPABASE_URL}/functions/v1/webhooks/vapi/${tenant}`,
  }
}
