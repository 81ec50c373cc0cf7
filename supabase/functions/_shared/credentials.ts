/**
 * A tenant's provider credentials (API keys, passwords, tokens): stored sealed, read back only as previews by
 * users, opened only by the service role for the provider call that needs them. Settings uses it today; phone
 * number import, SMTP, WhatsApp and 360dialog will, each adding its provider name to PROVIDERS.
 */
import { audit } from './audit.ts'
import { asServiceWithin, type Db, type Tx } from './db.ts'
import type { Secrets } from './secrets.ts'

/** Every provider a credential can be stored for: the `provider` column's values. */
export const PROVIDERS = [
  'vapi',
  'vapi_public',
  'vapi_webhook',
  'vapi_webhook_credential',
  'vapi_webhook_hmac',
  'twilio',
] as const
export type Provider = (typeof PROVIDERS)[number]

export interface StoredCredential {
  provider: Provider
  preview: string
  updated_at: Date
  updated_by: string | null
}

export interface StoreCredentialInput {
  tenant: string
  /** The user saving it (claims.sub). */
  actor: string
  provider: Provider
  secret: string
  /** What may be shown and audited instead of the secret: preview(secret), or the whole of a public key. */
  preview: string
  /** The audit action, e.g. `settings.vapi_key.saved`. */
  action: string
  /** Checks the secret with its provider before anything is written; throws an AppError to refuse it. */
  validate?: (secret: string) => Promise<void>
}

/**
 * Validate → seal → upsert → audit, in the caller's user transaction: grants and RLS decide whether the user
 * may write (42501 → 403 otherwise), a trigger stamps who and when. The plaintext never reaches the database.
 */
export async function storeCredential(tx: Tx, secrets: Secrets, input: StoreCredentialInput): Promise<void> {
  await input.validate?.(input.secret)
  const sealed = await secrets.seal(input.secret, { tenantId: input.tenant, provider: input.provider })
  await tx`select public.upsert_provider_credential(
    ${input.tenant}, ${input.provider}, ${sealed.text}, ${sealed.keyId}, ${input.preview})`
  await audit(tx, {
    tenantId: input.tenant,
    actor: input.actor,
    action: input.action,
    target: input.provider,
    details: { preview: input.preview },
  })
}

/** Deletes a credential and audits it; false (and no audit entry) when there was none. */
export async function removeCredential(
  tx: Tx,
  input: { tenant: string; actor: string; provider: Provider; action: string },
): Promise<boolean> {
  const deleted = await tx`
    delete from public.provider_credentials
    where tenant_id = ${input.tenant} and provider = ${input.provider} returning id`
  if (deleted.length === 0) return false
  await audit(tx, {
    tenantId: input.tenant,
    actor: input.actor,
    action: input.action,
    target: input.provider,
  })
  return true
}

/** The previews of a tenant's credentials for some providers, as the user's RLS lets them see. */
export async function storedCredentials(
  tx: Tx,
  tenant: string,
  providers: readonly Provider[],
): Promise<Map<Provider, StoredCredential>> {
  const rows = await tx<StoredCredential[]>`
    select provider, preview, updated_at, updated_by from public.provider_credentials
    where tenant_id = ${tenant} and provider in ${tx(providers)}`
  return new Map(rows.map((row) => [row.provider, row]))
}

/**
 * The plaintext of a tenant's credential, for a call to its provider; null when none is stored. Service
 * role, because the API roles can never read the ciphertext: hence the explicit tenant filter. Outside a
 * request (a webhook, a job) it opens its own transaction; inside one, pass the request's `tx` so the read
 * sees what the request wrote and never waits on it (asServiceWithin).
 */
export async function openCredential(
  deps: { db: Db; secrets: Secrets },
  tenant: string,
  provider: Provider,
  tx?: Tx,
): Promise<string | null> {
  const read = (t: Tx) =>
    t<{ ciphertext: string }[]>`
      select ciphertext from public.provider_credentials where tenant_id = ${tenant} and provider = ${provider}`
  const rows = tx ? await asServiceWithin(tx, read) : await deps.db.asService(read)
  if (rows.length === 0) return null
  return await deps.secrets.open(rows[0].ciphertext, { tenantId: tenant, provider })
}
