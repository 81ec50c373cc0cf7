/**
 * What every voice function (assistants, workflows, phone-numbers, files, knowledge-bases) shares when it
 * changes something in the tenant's own Vapi organisation:
 *
 * - `voiceDeps`: the per-function deps (a Vapi client factory) and `tenantVapi(caller)` for the tenant's
 *   client.
 * - `vapiCall(...)`: every Vapi request goes through it, so a refusal reaches the user as a 422
 *   `vapi_rejected` carrying Vapi's own message, a revoked key as 422 `vapi_key_invalid`, and an outage as
 *   502 `vapi_unreachable` — never a 500.
 * - `createThenPersist(...)`: Vapi first, then our tables in the same request; when writing our row fails the
 *   Vapi resource is deleted again, so nothing is half-saved.
 * - `serverConfig(caller)`: the `server` block every assistant, squad and number carries — our webhook URL,
 *   the tenant's webhook authentication (its secret as `x-vapi-secret`, generated on first use, or its HMAC
 *   credential id), a backoff plan so Vapi retries our 5xx — and `tenantMetadata`.
 * - `payloadHash(...)`: the hash of a synced payload, to detect drift made in Vapi's dashboard.
 * - `routeNumbers(...)`: pushes to Vapi what answers each phone number (an active assistant, a workflow's
 *   squad, or nobody with the owner's phone as fallback).
 */
import type { Vapi, VapiClient } from '@vapi-ai/server-sdk'
import type postgres from 'postgres'
import { VapiError, VapiTimeoutError } from '@vapi-ai/server-sdk'
import { webhookUrl } from '../../../shared/contracts/webhooks.ts'
import type { Claims } from './auth.ts'
import { openCredential, storeCredential, storedCredentials } from './credentials.ts'
import type { Tx } from './db.ts'
import type { CoreDeps } from './deps.ts'
import type { EnvSource } from './env.ts'
import { AppError, UnprocessableContent } from './errors.ts'
import { errorFields } from './log.ts'
import { preview, randomSecret } from './secrets.ts'
import { createVapiFactory, loadVapiEnv, VAPI_PROVIDERS, type VapiFactory, vapiForTenant } from './vapi.ts'

export type VoiceDeps = CoreDeps & { vapi: VapiFactory }

/** `deps` of a voice function's defineFunction. */
export function voiceDeps(_core: CoreDeps, source?: EnvSource): { vapi: VapiFactory } {
  return { vapi: createVapiFactory(loadVapiEnv(source)) }
}

/** What a voice operation has in hand: the route helper's context, narrowed. */
export interface VoiceCaller {
  tx: Tx
  tenant: string
  claims: Claims
  deps: VoiceDeps
}

/** The tenant's own Vapi client (its key read in the request's transaction); 409 `vapi_not_configured`. */
export function tenantVapi(caller: VoiceCaller): Promise<VapiClient> {
  return vapiForTenant(caller.deps, caller.tenant, caller.tx)
}

/** Vapi refused what we sent: the user's input (or the tenant's Vapi account) must change. */
class VapiRejected extends AppError {
  constructor(detail: string, readonly vapiStatus?: number) {
    super(422, 'vapi_rejected', 'Vapi refused the request', { detail })
  }
}

/** Vapi's error body is NestJS's `{ message: string | string[], error, statusCode }`. */
function vapiMessage(error: VapiError): string {
  const body = error.body as { message?: unknown; error?: unknown } | undefined
  const message = body?.message
  if (Array.isArray(message) && message.length) return message.map(String).join('; ')
  if (typeof message === 'string' && message) return message
  if (typeof body?.error === 'string' && body.error) return body.error
  return `Vapi answered ${error.statusCode ?? 'an error'}`
}

/**
 * One request to Vapi, `what` naming it for the user ("create the assistant"). Failures become AppErrors a
 * user can act on; the key or secrets never appear in them.
 */
export async function vapiCall<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (error) {
    throw vapiProblem(what, error)
  }
}

export function vapiProblem(what: string, error: unknown): Error {
  if (error instanceof AppError) return error
  if (error instanceof VapiTimeoutError) {
    return new AppError(502, 'vapi_unreachable', 'Vapi did not answer', {
      detail: `Vapi did not answer in time to ${what}; nothing was saved. Try again in a moment.`,
    })
  }
  if (error instanceof VapiError) {
    const status = error.statusCode
    if (status === 401 || status === 403) {
      return new UnprocessableContent('vapi_key_invalid', 'Vapi refused the API key', {
        detail: 'Vapi refused the saved API key; replace it in Settings → Integrations',
      })
    }
    if (status === undefined || status >= 500 || status === 429) {
      return new AppError(502, 'vapi_unreachable', 'Vapi could not be reached', {
        detail: `Vapi failed to ${what} (${status ?? 'network error'}); nothing was saved. Try again later.`,
      })
    }
    return new VapiRejected(`Could not ${what}: ${vapiMessage(error)}`, status)
  }
  if (error instanceof TypeError) {
    // fetch's network failure (connection refused, DNS).
    return new AppError(502, 'vapi_unreachable', 'Vapi could not be reached', {
      detail: `Vapi could not be reached to ${what}; nothing was saved. Try again later.`,
    })
  }
  return error instanceof Error ? error : new Error(String(error))
}

/** A Vapi request whose 404 means the thing is gone there: null then; other failures as vapiCall's. */
export async function unlessGone<T>(what: string, request: () => Promise<T>): Promise<T | null> {
  try {
    return await request()
  } catch (error) {
    if (error instanceof VapiError && error.statusCode === 404) return null
    throw vapiProblem(what, error)
  }
}

/**
 * Creates a resource in Vapi, then writes our row. When the write fails (a constraint, a lost race), the Vapi
 * resource is deleted again before the error propagates, so Vapi and our tables never disagree.
 */
export async function createThenPersist<R, T>(
  deps: Pick<CoreDeps, 'log'>,
  create: () => Promise<R>,
  persist: (created: R) => Promise<T>,
  undo: (created: R) => Promise<unknown>,
): Promise<T> {
  const created = await create()
  try {
    return await persist(created)
  } catch (error) {
    try {
      await undo(created)
    } catch (undoError) {
      deps.log.error('vapi.compensation_failed', errorFields(undoError))
    }
    throw error
  }
}

/**
 * Vapi retries our 5xx (and timeouts) with this plan; without one it would not retry at all. (The SDK's
 * typings lag the API here: they type `type` as an object, Vapi's contract as 'fixed' | 'exponential'.)
 */
const BACKOFF_PLAN = {
  type: 'exponential',
  maxRetries: 5,
  baseDelaySeconds: 2,
} as const

/** Server messages time out after this many seconds (Vapi's default is 20). */
const SERVER_TIMEOUT_SECONDS = 20

/**
 * The server messages our webhook handles, on top of Vapi's defaults (kept so tool calls, hang and speech
 * updates still arrive): `transcript` is opt-in in Vapi.
 */
export const SERVER_MESSAGES = [
  'conversation-update',
  'end-of-call-report',
  'function-call',
  'hang',
  'speech-update',
  'status-update',
  'tool-calls',
  'transfer-destination-request',
  'handoff-destination-request',
  'user-interrupted',
  'assistant.started',
  'transcript',
] as const

/** `metadata` of every assistant and squad we create, echoed back in server messages. */
export function tenantMetadata(tenant: string): Record<string, string> {
  return { tenant_id: tenant }
}

/** The tenant's HMAC credential id saved in Settings, if any (a public identifier, kept whole as preview). */
export async function webhookCredentialId(tx: Tx, tenant: string): Promise<string | null> {
  const stored = await storedCredentials(tx, tenant, [VAPI_PROVIDERS.webhookCredential])
  return stored.get(VAPI_PROVIDERS.webhookCredential)?.preview ?? null
}

/**
 * The tenant's webhook secret; generated, sealed and audited in the caller's transaction when it has none
 * (its first Vapi resource), so every resource is authenticated from the start.
 */
async function ensureWebhookSecret(caller: VoiceCaller): Promise<string> {
  const existing = await openCredential(caller.deps, caller.tenant, VAPI_PROVIDERS.webhookSecret, caller.tx)
  if (existing !== null) return existing
  const secret = randomSecret()
  await storeCredential(caller.tx, caller.deps.secrets, {
    tenant: caller.tenant,
    actor: caller.claims.sub,
    provider: VAPI_PROVIDERS.webhookSecret,
    secret,
    preview: preview(secret),
    action: 'settings.vapi_webhook_secret.generated',
  })
  return secret
}

/** The `server` block from explicit parts (also used when rotating the secret for every resource). */
export function buildServer(
  supabaseUrl: string,
  tenant: string,
  auth: { credentialId: string } | { secret: string },
): Vapi.Server {
  return {
    url: webhookUrl(supabaseUrl, 'vapi', tenant),
    timeoutSeconds: SERVER_TIMEOUT_SECONDS,
    backoffPlan: { ...BACKOFF_PLAN } as unknown as Vapi.BackoffPlan,
    ...('credentialId' in auth
      ? { credentialId: auth.credentialId }
      : { headers: { 'x-vapi-secret': auth.secret } }),
  }
}

/** The `server` block of a resource we create or update for this tenant. */
export async function serverConfig(caller: VoiceCaller): Promise<Vapi.Server> {
  const credentialId = await webhookCredentialId(caller.tx, caller.tenant)
  const auth = credentialId !== null ? { credentialId } : { secret: await ensureWebhookSecret(caller) }
  return buildServer(caller.deps.env.SUPABASE_URL, caller.tenant, auth)
}

/** Fields of a Vapi payload that hold a credential: never stored (a Twilio number's token, say). */
const SECRET_FIELDS = new Set(['twilioAuthToken', 'twilioApiSecret'])

/**
 * A Vapi payload as it may be stored in `vapi_payload` (readable by every member with assistants.read): no
 * credential field, and the values of every `server.headers` (the tenant's `x-vapi-secret`) replaced. Drift
 * is measured on other fields, and a `server` block is always rebuilt from the sealed secret, never read back.
 */
export function storedPayload(tx: Tx, payload: unknown) {
  return tx.json(withoutSecrets(payload))
}

/** A copy of `payload` without credential fields and with every header value replaced by `[redacted]`. */
export function withoutSecrets(payload: unknown): postgres.JSONValue {
  return JSON.parse(JSON.stringify(payload ?? {}, (key, value) => {
    if (SECRET_FIELDS.has(key)) return undefined
    if (key === 'headers' && value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).map((name) => [name, '[redacted]']))
    }
    return value
  }))
}

/** JSON with sorted keys and no undefined: equal values give equal text, whatever the key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    )
  }
  return value
}

/** SHA-256 (hex) of the canonical JSON of a payload, without its secrets. */
export async function payloadHash(value: unknown): Promise<string> {
  // Of the payload as stored (storedPayload), so a row's hash always matches its vapi_payload.
  const bytes = new TextEncoder().encode(canonicalJson(withoutSecrets(value)))
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** `fallbackDestination` of a number: the owner's own phone, when the tenant gave one. */
export function fallbackTo(
  ownerPhone: string | null,
): { fallbackDestination?: { type: 'number'; number: string } } {
  return ownerPhone ? { fallbackDestination: { type: 'number', number: ownerPhone } } : {}
}

interface NumberRoute {
  id: string
  vapi_id: string
  provider: string
  assistant_vapi_id: string | null
  assistant_active: boolean | null
  squad_vapi_id: string | null
  owner_phone: string | null
}

/** Which numbers to re-route: some by id, or every number of an assistant or a workflow. */
type NumberSelection = { numberIds: readonly string[] } | { assistantId: string } | {
  workflowId: string
}

/**
 * Pushes to Vapi what answers each selected number: its assistant when that assistant is active, else its
 * workflow's squad, else nobody (assistant-request goes to our server, and Vapi falls back to the owner's
 * phone when one is set). Stores the payload Vapi returns. Returns how many numbers were updated.
 */
export async function routeNumbers(
  caller: VoiceCaller,
  vapi: VapiClient,
  selection: NumberSelection,
): Promise<number> {
  const { tx, tenant } = caller
  const filter = 'numberIds' in selection
    ? tx`p.id in ${tx(selection.numberIds as string[])}`
    : 'assistantId' in selection
    ? tx`p.assistant_id = ${selection.assistantId}`
    : tx`p.workflow_id = ${selection.workflowId}`
  if ('numberIds' in selection && selection.numberIds.length === 0) return 0
  const rows = await tx<NumberRoute[]>`
    select p.id, p.vapi_id, coalesce(p.vapi_payload ->> 'provider', 'vapi') as provider,
      a.vapi_id as assistant_vapi_id, a.active as assistant_active, w.vapi_id as squad_vapi_id,
      t.owner_phone
    from public.phone_numbers p
    join public.tenants t on t.id = p.tenant_id
    left join public.assistants a on a.id = p.assistant_id
    left join public.workflows w on w.id = p.workflow_id
    where p.tenant_id = ${tenant} and ${filter}
    order by p.created_at, p.id`
  if (rows.length === 0) return 0
  const server = await serverConfig(caller)
  for (const row of rows) {
    const body = {
      provider: row.provider,
      // null unsets the field in Vapi (its DTOs treat null as absent-and-cleared); the SDK types say string.
      assistantId: row.assistant_active ? row.assistant_vapi_id : null,
      squadId: row.squad_vapi_id,
      server,
      ...fallbackTo(row.owner_phone),
    } as unknown as Vapi.UpdatePhoneNumbersRequestBody
    const updated = await vapiCall(
      'update the phone number',
      () => vapi.phoneNumbers.update({ id: row.vapi_id, body }),
    )
    await tx`
      update public.phone_numbers
      set vapi_payload = ${storedPayload(tx, updated)}, vapi_hash = ${await payloadHash(updated)},
        synced_at = now(), status = ${String((updated as { status?: string }).status ?? 'active')}
      where id = ${row.id}`
  }
  return rows.length
}
