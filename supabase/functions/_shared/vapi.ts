/**
 * Vapi server clients, one per tenant, built from the tenant's own sealed key (bring your own key). The base
 * URL comes from VAPI_BASE_URL, so tests and the local stack talk to the loopback sandbox.
 */
import { VapiClient, VapiError, VapiTimeoutError } from '@vapi-ai/server-sdk'
import { z } from 'zod'
import { openCredential, type Provider } from './credentials.ts'
import type { Db, Tx } from './db.ts'
import { type EnvSource, HttpUrl, readEnv } from './env.ts'
import { AppError, UpstreamError } from './errors.ts'
import type { Secrets } from './secrets.ts'

export type VapiFactory = (apiKey: string) => VapiClient

/** The Vapi slice of the environment, read only by the functions that talk to Vapi. */
const VapiEnvSchema = z.object({ VAPI_BASE_URL: HttpUrl.default('https://api.vapi.ai') })
export type VapiEnv = z.output<typeof VapiEnvSchema>

export function loadVapiEnv(source?: EnvSource): VapiEnv {
  return readEnv(VapiEnvSchema, source)
}

/** Provider names in provider_credentials for the Vapi integration. */
export const VAPI_PROVIDERS = {
  apiKey: 'vapi',
  publicKey: 'vapi_public',
  webhookSecret: 'vapi_webhook',
  /** The id of an HMAC credential from the tenant's Vapi dashboard: used instead of the secret when saved. */
  webhookCredential: 'vapi_webhook_credential',
  /** That credential's secret key, saved with its id: the webhook checks each delivery's x-signature with it. */
  webhookHmac: 'vapi_webhook_hmac',
} as const satisfies Record<string, Provider>

export function createVapiFactory(env: VapiEnv): VapiFactory {
  return (apiKey) =>
    new VapiClient({
      token: apiKey,
      baseUrl: env.VAPI_BASE_URL,
      // A user is waiting on the other end: fail fast and let them retry rather than stack retries.
      maxRetries: 0,
      timeoutInSeconds: 10,
    })
}

export class VapiNotConfigured extends AppError {
  constructor() {
    super(409, 'vapi_not_configured', 'Vapi is not configured', {
      detail: 'Add your Vapi API key in Settings → Integrations',
    })
  }
}

/**
 * The tenant's Vapi client; 409 `vapi_not_configured` when it has not saved a key. Inside a request, pass its
 * transaction (see openCredential).
 */
export async function vapiForTenant(
  deps: { db: Db; secrets: Secrets; vapi: VapiFactory },
  tenantId: string,
  tx?: Tx,
): Promise<VapiClient> {
  const apiKey = await openCredential(deps, tenantId, VAPI_PROVIDERS.apiKey, tx)
  if (apiKey === null) throw new VapiNotConfigured()
  return deps.vapi(apiKey)
}

/**
 * Classifies a failed Vapi call: the key was refused (401/403), or Vapi could not be reached or failed (network,
 * timeout, 5xx). Other statuses are returned as is for the caller to decide.
 */
export function vapiFailure(error: unknown): 'rejected' | 'unreachable' | 'other' {
  if (error instanceof VapiTimeoutError) return 'unreachable'
  if (error instanceof VapiError) {
    if (error.statusCode === 401 || error.statusCode === 403) return 'rejected'
    if (error.statusCode === undefined || error.statusCode >= 500) return 'unreachable'
    return 'other'
  }
  return 'other'
}

export function vapiUnreachable(): UpstreamError {
  return new UpstreamError('vapi_unreachable', 'Vapi did not answer; try again in a moment')
}
