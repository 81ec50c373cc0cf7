/**
 * Vapi server clients, one per tenant, built from the tenant's own sealed key (bring your own key). The base
 * URL comes from VAPI_BASE_URL, so tests and the local stack talk to the loopback sandbox.
 */
import { VapiClient, VapiError, VapiTimeoutError } from '@vapi-ai/server-sdk'
import type { Deps } from './deps.ts'
import type { Env } from './env.ts'
import { AppError, UpstreamError } from './errors.ts'

export type VapiFactory = (apiKey: string) => VapiClient

/** Provider names in provider_credentials for the Vapi integration. */
export const VAPI_PROVIDERS = {
  apiKey: 'vapi',
  publicKey: 'vapi_public',
  webhookSecret: 'vapi_webhook',
} as const

export function createVapiFactory(env: Pick<Env, 'VAPI_BASE_URL'>): VapiFactory {
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

/** The tenant's Vapi client; 409 `vapi_not_configured` when it has not saved a key. */
export async function vapiForTenant(
  deps: Pick<Deps, 'db' | 'secrets' | 'vapi'>,
  tenantId: string,
): Promise<VapiClient> {
  // Service role: the authenticated role cannot read ciphertext by design, hence the explicit tenant filter.
  const rows = await deps.db.asService((tx) =>
    tx<{ ciphertext: string }[]>`
      select ciphertext from public.provider_credentials
      where tenant_id = ${tenantId} and provider = ${VAPI_PROVIDERS.apiKey}`
  )
  if (rows.length === 0) throw new VapiNotConfigured()
  const apiKey = await deps.secrets.open(rows[0].ciphertext, { tenantId, provider: VAPI_PROVIDERS.apiKey })
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
