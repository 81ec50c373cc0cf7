/**
 * Sending one server message (`POST <server.url>` with `{ message }`) as Vapi does: `server.headers` as
 * given (an `Authorization` there wins over the credential), the authentication of `server.credentialId`
 * when the organisation has that credential (bearer; HMAC over `{timestamp}.{body}` by default, in
 * `x-signature` with `x-timestamp`; OAuth2 client credentials), `server.timeoutSeconds` (default 20 s), and
 * `server.backoffPlan`: a non-2xx answer or a network error is retried up to `maxRetries` times after
 * `baseDelaySeconds` (doubling for `exponential`), except for `excludedStatusCodes`; without a plan there is
 * no retry. Delays are multiplied by `retryDelayScale` so that tests do not wait for real seconds.
 *
 * Vapi does not document the unit of the HMAC timestamp; the sandbox sends epoch milliseconds, the unit of
 * the messages' own `timestamp`.
 */
import type { Vapi } from '@vapi-ai/server-sdk'
import type { AuthenticationPlan, Credential } from './orgs.ts'

export interface Attempt {
  at: string
  status?: number
  error?: string
}

export interface Delivery {
  type: string
  url: string
  attempts: Attempt[]
  ok: boolean
}

export interface DeliveryResult {
  delivery: Delivery
  /** The last answer's body (JSON when it parses, else text), for messages that expect an answer. */
  body?: unknown
}

export interface DeliveryOptions {
  retryDelayScale: number
  /** Caps `server.timeoutSeconds` (assistant-request: 7.5 s, fixed by Vapi). */
  maxTimeoutSeconds?: number
  /** Aborted when the sandbox stops: no more waiting for retries. */
  signal?: AbortSignal
}

const tokens = new Map<string, { token: string; expiresAt: number }>()

export async function deliver(
  server: Vapi.Server & { url: string },
  credential: Credential | undefined,
  message: { type: string } & Record<string, unknown>,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const delivery: Delivery = { type: message.type, url: server.url, attempts: [], ok: false }
  const body = JSON.stringify({ message })
  const plan = server.backoffPlan as
    | { type?: string; maxRetries?: number; baseDelaySeconds?: number; excludedStatusCodes?: unknown[] }
    | undefined
  const maxRetries = Math.max(0, Math.min(10, Number(plan?.maxRetries ?? 0)))
  const excluded = new Set((plan?.excludedStatusCodes ?? []).map(Number))
  const timeoutSeconds = Math.min(server.timeoutSeconds ?? 20, options.maxTimeoutSeconds ?? Infinity)
  let result: unknown
  for (let attempt = 0; attempt <= maxRetries; attempt++) {
    if (attempt > 0) {
      const base = Number(plan?.baseDelaySeconds ?? 1)
      const seconds = plan?.type === 'exponential' ? base * 2 ** (attempt - 1) : base
      await sleep(seconds * 1000 * options.retryDelayScale, options.signal)
      if (options.signal?.aborted) break
    }
    const record: Attempt = { at: new Date().toISOString() }
    delivery.attempts.push(record)
    try {
      const headers = new Headers({ 'content-type': 'application/json', 'user-agent': 'Vapi-Sandbox/1.0' })
      if (credential) {
        await authenticate(headers, credential.authenticationPlan, server.url, body, credential.id)
      }
      for (const [name, value] of Object.entries(server.headers ?? {})) headers.set(name, String(value))
      const res = await fetch(server.url, {
        method: 'POST',
        headers,
        body,
        signal: options.signal
          ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutSeconds * 1000)])
          : AbortSignal.timeout(timeoutSeconds * 1000),
      })
      const text = await res.text()
      record.status = res.status
      try {
        result = text ? JSON.parse(text) : undefined
      } catch {
        result = text
      }
      if (res.ok) {
        delivery.ok = true
        return { delivery, body: result }
      }
      if (excluded.has(res.status)) break
    } catch (error) {
      record.error = (error as Error).name === 'TimeoutError'
        ? `timed out after ${timeoutSeconds} s`
        : (error as Error).message
    }
  }
  return { delivery, body: result }
}

async function authenticate(
  headers: Headers,
  plan: AuthenticationPlan,
  url: string,
  body: string,
  credentialId: string,
): Promise<void> {
  if (plan.type === 'bearer') {
    const name = plan.headerName ?? 'Authorization'
    headers.set(name, plan.bearerPrefixEnabled === false ? plan.token : `Bearer ${plan.token}`)
  } else if (plan.type === 'hmac') {
    const includeTimestamp = plan.includeTimestamp !== false
    const timestamp = String(Date.now())
    const messageId = `msg_${crypto.randomUUID().replaceAll('-', '')}`
    const format = plan.payloadFormat ?? (includeTimestamp ? '{timestamp}.{body}' : '{body}')
    const payload = format
      .replaceAll('{timestamp}', timestamp)
      .replaceAll('{method}', 'POST')
      .replaceAll('{url}', url)
      .replaceAll('{svix-id}', messageId)
      .replaceAll('{body}', body)
    const signature = await hmac(plan.algorithm, plan.secretKey, plan.secretIsBase64 === true, payload)
    const encoded = plan.signatureEncoding === 'base64'
      ? btoa(String.fromCharCode(...signature))
      : hex(signature)
    headers.set(plan.signatureHeader ?? 'x-signature', `${plan.signaturePrefix ?? ''}${encoded}`)
    if (includeTimestamp) headers.set(plan.timestampHeader ?? 'x-timestamp', timestamp)
    if (plan.messageIdHeader) headers.set(plan.messageIdHeader, messageId)
  } else if (plan.type === 'oauth2') {
    headers.set('Authorization', `Bearer ${await oauthToken(plan, credentialId)}`)
  }
}

/** HMAC of `payload`, as Vapi's HMAC plan computes it (the sandbox and tests share it). */
export async function hmac(
  algorithm: 'sha256' | 'sha512' | 'sha1',
  secret: string,
  secretIsBase64: boolean,
  payload: string,
): Promise<Uint8Array> {
  const keyBytes = secretIsBase64
    ? Uint8Array.from(atob(secret), (ch) => ch.charCodeAt(0))
    : new TextEncoder().encode(secret)
  const hash = { sha256: 'SHA-256', sha512: 'SHA-512', sha1: 'SHA-1' }[algorithm]
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash }, false, ['sign'])
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(payload)))
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

async function oauthToken(
  plan: Extract<AuthenticationPlan, { type: 'oauth2' }>,
  credentialId: string,
): Promise<string> {
  const cached = tokens.get(credentialId)
  if (cached && cached.expiresAt > Date.now() + 5000) return cached.token
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: plan.clientId,
    client_secret: plan.clientSecret,
  })
  if (plan.scope) form.set('scope', plan.scope)
  const res = await fetch(plan.url, { method: 'POST', body: form, signal: AbortSignal.timeout(10_000) })
  if (!res.ok) throw new Error(`OAuth2 token endpoint answered ${res.status}`)
  const json = await res.json() as { access_token: string; expires_in?: number }
  tokens.set(credentialId, {
    token: json.access_token,
    expiresAt: Date.now() + (json.expires_in ?? 3600) * 1000,
  })
  return json.access_token
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done)
  })
}
