/**
 * Who sent a delivery, decided before its body is parsed: the tenant of the path, proven by its webhook
 * secret (`x-vapi-secret`) or, once it saved an HMAC credential, by `x-signature` — the hex HMAC-SHA256 of
 * `{x-timestamp}.{raw body}` with that credential's secret, the timestamp (seconds or milliseconds) within 5
 * minutes. With an HMAC credential the plain secret no longer opens the door.
 *
 * Every comparison is between SHA-256 digests of equal length, byte by byte without an early exit, so the
 * time taken says nothing about how much of a guess was right. A refusal is counted for the tenant
 * (Settings shows it) in a transaction of its own; an unknown tenant is refused the same way, uncounted.
 * Secrets and signatures never reach a log or a response.
 */
import type { Tx } from '../_shared/db.ts'
import type { CoreDeps } from '../_shared/deps.ts'
import { AppError } from '../_shared/errors.ts'
import { errorFields } from '../_shared/log.ts'
import { VAPI_PROVIDERS } from '../_shared/vapi.ts'

/** Why a delivery was refused, as Settings shows it. */
type Rejection = 'missing secret' | 'wrong secret' | 'bad signature' | 'stale timestamp'

export class WebhookUnauthorized extends AppError {
  constructor() {
    super(401, 'webhook_unauthorized', 'The delivery is not authenticated', {
      detail: "The tenant's webhook secret or signature is missing, wrong or stale",
    })
  }
}

/** The tenant a delivery proved it comes for, with what answering it needs; or why it was refused. */
type Authentication =
  | { ok: true; language: string }
  /** `reason` is null for a tenant that does not exist: nothing to count a refusal against. */
  | { ok: false; reason: Rejection | null }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const MAX_SKEW_MS = 5 * 60 * 1000
/** Below this a timestamp is in seconds (1e11 s is the year 5138; 1e11 ms was 1973). */
const SECONDS_BELOW = 1e11

/** The tenant of the path, when it is a tenant id at all (anything else is refused before any query). */
export function tenantParam(value: string): string | null {
  const id = value.toLowerCase()
  return UUID.test(id) ? id : null
}

/**
 * Checks the delivery against the tenant's credentials, read as the service role in the delivery's own
 * transaction (the one that then stores it: one round of connection and commit per delivery).
 */
export async function authenticate(
  tx: Tx,
  deps: Pick<CoreDeps, 'secrets' | 'clock'>,
  tenant: string,
  headers: Headers,
  rawBody: Uint8Array,
): Promise<Authentication> {
  const providers = [VAPI_PROVIDERS.webhookSecret, VAPI_PROVIDERS.webhookHmac]
  const rows = await tx<{ language: string; provider: string | null; ciphertext: string | null }[]>`
    select t.language, c.provider, c.ciphertext
    from public.tenants t
    left join public.provider_credentials c on c.tenant_id = t.id and c.provider in ${tx(providers)}
    where t.id = ${tenant}`
  // No such tenant: refused like a wrong secret, so tenant ids cannot be probed.
  if (rows.length === 0) return { ok: false, reason: null }

  const open = async (provider: string) => {
    const sealed = rows.find((row) => row.provider === provider)?.ciphertext
    return sealed ? await deps.secrets.open(sealed, { tenantId: tenant, provider }) : null
  }
  const hmacSecret = await open(VAPI_PROVIDERS.webhookHmac)
  const refusal = hmacSecret !== null
    ? await checkSignature(hmacSecret, headers, rawBody, deps.clock.now())
    : await checkSecret(await open(VAPI_PROVIDERS.webhookSecret), headers.get('x-vapi-secret'))
  return refusal === null ? { ok: true, language: rows[0].language } : { ok: false, reason: refusal }
}

async function checkSecret(expected: string | null, given: string | null): Promise<Rejection | null> {
  if (!given) return 'missing secret'
  // A tenant without a secret accepts nothing; the comparison still runs, so it takes the usual time.
  const equal = await sameDigest(encode(given), encode(expected ?? crypto.randomUUID()))
  return equal && expected !== null ? null : 'wrong secret'
}

async function checkSignature(
  secret: string,
  headers: Headers,
  rawBody: Uint8Array,
  now: Date,
): Promise<Rejection | null> {
  const signature = headers.get('x-signature')?.trim().toLowerCase()
  const timestamp = headers.get('x-timestamp')?.trim()
  if (!signature || !timestamp || !/^\d{1,16}$/.test(timestamp)) return 'bad signature'
  const key = await crypto.subtle.importKey('raw', encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  const signed = concat(encode(`${timestamp}.`), rawBody)
  const expected = hex(new Uint8Array(await crypto.subtle.sign('HMAC', key, signed)))
  if (!await sameDigest(encode(signature), encode(expected))) return 'bad signature'
  // Checked once the signature proves the timestamp genuine: an old delivery replayed is stale, not forged.
  const value = Number(timestamp)
  const sentAt = value < SECONDS_BELOW ? value * 1000 : value
  return Math.abs(now.getTime() - sentAt) > MAX_SKEW_MS ? 'stale timestamp' : null
}

/** Counts a refusal for the tenant, in a transaction of its own; a failure to count is logged, not raised. */
export async function countRejection(
  deps: Pick<CoreDeps, 'db' | 'log'>,
  tenant: string,
  reason: Rejection,
): Promise<void> {
  try {
    await deps.db.asService((tx) =>
      tx`
        insert into public.webhook_rejections (tenant_id, provider, rejected, last_rejected_at, last_reason)
        values (${tenant}, 'vapi', 1, now(), ${reason})
        on conflict (tenant_id, provider) do update
        set rejected = public.webhook_rejections.rejected + 1, last_rejected_at = now(),
          last_reason = excluded.last_reason`
    )
  } catch (error) {
    deps.log.error('webhook.rejection_not_counted', { tenant_id: tenant, reason, ...errorFields(error) })
  }
  deps.log.warn('webhook.rejected', { tenant_id: tenant, reason })
}

/** Equal digests of both values, compared without an early exit. */
async function sameDigest(a: Uint8Array<ArrayBuffer>, b: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const [x, y] = await Promise.all(
    [a, b].map(async (v) => new Uint8Array(await crypto.subtle.digest('SHA-256', v))),
  )
  let diff = 0
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i]
  return diff === 0
}

function encode(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text)
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}
