/**
 * Helpers for the functions' Deno tests, which run against the real stack `npm test` starts (database, local
 * auth, Vapi sandbox) through the env it gives: SUPABASE_URL, SUPABASE_DB_URL, DB_PREPARE, APP_ENCRYPTION_KEY,
 * VAPI_BASE_URL, SUPABASE_ANON_KEY. Test code only.
 */
import assert from 'node:assert/strict'
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose'
import type { CreateTenantBody, Tenant } from '../../../shared/contracts/tenants.ts'
import type { Problem } from '../../../shared/contracts/problem.ts'
import type { SystemRole } from '../../../shared/permissions.ts'
import { type Provider, storeCredential } from './credentials.ts'
import type { CoreDeps } from './deps.ts'
import { type EnvSource, loadEnv } from './env.ts'
import type { FunctionModule, Handler } from './function.ts'
import type { VapiFactory } from './vapi.ts'

export type { Handler }

/** The stack's environment, read when a test asks (never at import), with response checking on. */
export function testEnv(): EnvSource {
  return { ...Deno.env.toObject(), VALIDATE_RESPONSES: 'true' }
}

/** The SPA's origin as the stack under test allows it. */
export function origin(): string {
  return loadEnv(testEnv()).APP_ORIGINS[0]
}

export function supabaseUrl(): string {
  return loadEnv(testEnv()).SUPABASE_URL
}

export function anonKey(): string {
  const key = Deno.env.get('SUPABASE_ANON_KEY')
  if (!key) throw new Error('SUPABASE_ANON_KEY is required by the tests (npm test provides it)')
  return key
}

/**
 * Runs `body` with a function's deps built from the test environment (with `overrides` applied: a Vapi
 * factory aimed at a closed port, a fixed clock…) and its handler, then closes the pool whatever happens.
 */
export async function withTestDeps<D extends CoreDeps>(
  fn: FunctionModule<D>,
  body: (kit: { deps: D; handler: Handler }) => Promise<void>,
  overrides: Partial<D> = {},
): Promise<void> {
  const deps = { ...fn.createDeps(testEnv()), ...overrides }
  try {
    await body({ deps, handler: fn.createHandler(deps) })
  } finally {
    await deps.db.end()
  }
}

export interface TestUser {
  id: string
  email: string
  password: string
  token: string
}

/**
 * A new user signed up through the real auth API (unique email, so tests can share one database), with
 * optional user metadata (`{ full_name }`).
 */
export async function signUp(label = 'user', data?: Record<string, unknown>): Promise<TestUser> {
  const email = `${label}-${crypto.randomUUID()}@test.local`
  const password = 'test-password-123'
  const res = await fetch(`${supabaseUrl()}/auth/v1/signup`, {
    method: 'POST',
    headers: { apikey: anonKey(), 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, ...(data ? { data } : {}) }),
  })
  const body = await res.json()
  assert.equal(res.status, 200, `sign-up failed: ${JSON.stringify(body)}`)
  return { id: body.user.id, email, password, token: body.access_token }
}

export interface RequestOptions {
  token?: string
  tenant?: string
  body?: unknown
  headers?: Record<string, string>
}

/** A request as the SPA sends it through the gateway (path `/<function>/...`). */
export function request(method: string, path: string, options: RequestOptions = {}): Request {
  const headers = new Headers({ origin: origin(), ...options.headers })
  if (options.token) headers.set('authorization', `Bearer ${options.token}`)
  if (options.tenant) headers.set('x-tenant-id', options.tenant)
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  }
  return new Request(`http://127.0.0.1${path}`, { method, headers, body })
}

/** Calls a handler and returns the status and parsed JSON body. */
export async function call<T = Record<string, unknown>>(
  handler: Handler,
  method: string,
  path: string,
  options?: RequestOptions,
): Promise<{ status: number; body: T; headers: Headers; text: string }> {
  const res = await handler(request(method, path, options))
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers, text }
}

/** Asserts a problem+json response with the given status and code, and returns it. */
export async function expectProblem(
  handler: Handler,
  method: string,
  path: string,
  options: RequestOptions,
  status: number,
  code: string,
): Promise<Problem> {
  const res = await call<Problem>(handler, method, path, options)
  assert.equal(res.headers.get('content-type'), 'application/problem+json', res.text)
  assert.equal(res.status, status, res.text)
  assert.equal(res.body.status, status)
  assert.equal(res.body.code, code, res.text)
  assert.ok(res.body.title && res.body.type, 'problem has a type and a title')
  return res.body
}

export const TENANT_BODY: CreateTenantBody = {
  name: 'Cabinet Test',
  country: 'FR',
  language: 'fr',
  timezone: 'Europe/Paris',
  profession: 'doctor',
}

/**
 * A tenant created by `owner`, as the tenants function does it (public.create_tenant as that user, whose
 * token the real verifier checks), without going through any function's handler.
 */
export async function createTenant(
  deps: CoreDeps,
  owner: TestUser,
  name = TENANT_BODY.name,
): Promise<Tenant> {
  const claims = await deps.verifyJwt(owner.token)
  const b = { ...TENANT_BODY, name }
  const [row] = await deps.db.asUser(
    claims,
    (tx) =>
      tx<{ id: string; slug: string; created_at: Date; updated_at: Date }[]>`
      select id, slug, created_at, updated_at from public.create_tenant(
        ${b.name}, ${`t-${crypto.randomUUID().slice(0, 8)}`}, ${b.country}, ${b.language}, ${b.timezone},
        ${b.profession})`,
  )
  return {
    ...b,
    owner_phone: null,
    id: row.id,
    slug: row.slug,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

/** A new user owning a new tenant, and the options `call` needs to act as them in it. */
export async function ownerWithTenant(deps: CoreDeps) {
  const owner = await signUp('owner')
  const tenant = await createTenant(deps, owner)
  return { owner, tenant, as: { token: owner.token, tenant: tenant.id } }
}

/** Saves a credential as the tenant's owner does in Settings (sealed, audited); returns the secret. */
export async function saveCredential(
  deps: CoreDeps,
  owner: TestUser,
  tenant: string,
  provider: Provider,
  secret: string,
): Promise<string> {
  const claims = await deps.verifyJwt(owner.token)
  await deps.db.asUser(claims, (tx) =>
    storeCredential(tx, deps.secrets, {
      tenant,
      actor: owner.id,
      provider,
      secret,
      // A public key is shown whole (Settings does the same); a secret only by its end.
      preview: provider === 'vapi_public' ? secret : `…${secret.slice(-4)}`,
      action: `settings.${provider}.saved`,
    }))
  return secret
}

/**
 * An owner (named `ownerName`, with `ownerPhone` in E.164 when given) and their tenant with a Vapi key of its
 * own — a fresh organisation of the sandbox — and that organisation's SDK client.
 */
export async function voiceTenant(
  deps: CoreDeps & { vapi: VapiFactory },
  options: { ownerName?: string; ownerPhone?: string } = {},
) {
  const owner = await signUp('owner', options.ownerName ? { full_name: options.ownerName } : undefined)
  const tenant = await createTenant(deps, owner, `Cabinet ${crypto.randomUUID().slice(0, 6)}`)
  if (options.ownerPhone) {
    await deps.db.asService((tx) =>
      tx`update public.tenants set owner_phone = ${options.ownerPhone!} where id = ${tenant.id}`
    )
  }
  const key = await saveCredential(deps, owner, tenant.id, 'vapi', `sk_test_${crypto.randomUUID()}`)
  return { owner, tenant, key, vapi: deps.vapi(key), as: { token: owner.token, tenant: tenant.id } }
}

/** Gives `user` a system role in a tenant: fixture setup, as the (future) team function would. */
export async function addMember(deps: CoreDeps, tenantId: string, user: TestUser, role: SystemRole) {
  await deps.db.asService((tx) =>
    tx`insert into public.memberships (tenant_id, user_id, role_id)
       select ${tenantId}, ${user.id}, id from public.roles where tenant_id = ${tenantId} and name = ${role}`
  )
}

/** A new user holding `role` in the tenant, and the options `call` needs to act as them there. */
export async function memberWithRole(deps: CoreDeps, tenantId: string, role: SystemRole) {
  const user = await signUp(role)
  await addMember(deps, tenantId, user, role)
  return { user, as: { token: user.token, tenant: tenantId } }
}

// Probes: what the database holds, read as the service role, so assertions do not depend on the API under
// test to read back what it wrote.

export interface StoredCredentialRow {
  ciphertext: string
  key_id: string
  preview: string
  updated_by: string | null
  updated_at: Date
}

/** The credential row a tenant holds for a provider, or null. */
export async function storedCredential(
  deps: CoreDeps,
  tenantId: string,
  provider: Provider,
): Promise<StoredCredentialRow | null> {
  const rows = await deps.db.asService((tx) =>
    tx<StoredCredentialRow[]>`
      select ciphertext, key_id, preview, updated_by, updated_at from public.provider_credentials
      where tenant_id = ${tenantId} and provider = ${provider}`
  )
  return rows[0] ?? null
}

/** How many credentials a tenant holds, all providers. */
export async function credentialCount(deps: CoreDeps, tenantId: string): Promise<number> {
  const [{ n }] = await deps.db.asService((tx) =>
    tx<
      { n: number }[]
    >`select count(*)::int as n from public.provider_credentials where tenant_id = ${tenantId}`
  )
  return n
}

export interface AuditRow {
  action: string
  target: string | null
  actor: string | null
  details: Record<string, unknown>
}

/** A tenant's audit trail, oldest first. */
export async function auditTrail(deps: CoreDeps, tenantId: string): Promise<AuditRow[]> {
  const rows = await deps.db.asService((tx) =>
    tx<AuditRow[]>`
      select action, target, actor, details from public.audit_log where tenant_id = ${tenantId} order by id`
  )
  return rows.map((r) => ({ ...r }))
}

/**
 * A token issuer of our own, serving its JWKS over loopback HTTP at `${url}/auth/v1/.well-known/jwks.json`,
 * to produce the tokens the real auth never hands out (expired, wrong audience, foreign key).
 */
export async function startTestIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = crypto.randomUUID()
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }
  let jwksRequests = 0
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, (req) => {
    if (new URL(req.url).pathname !== '/auth/v1/.well-known/jwks.json') {
      return new Response(null, { status: 404 })
    }
    jwksRequests++
    return Response.json({ keys: [jwk] })
  })
  const url = `http://127.0.0.1:${server.addr.port}`
  const now = () => Math.floor(Date.now() / 1000)
  return {
    url,
    get jwksRequests() {
      return jwksRequests
    },
    /** A token like the local auth's, with `overrides` applied to its claims. */
    sign(overrides: JWTPayload = {}, key = privateKey, header: { kid?: string } = { kid }) {
      return new SignJWT({
        iss: `${url}/auth/v1`,
        sub: crypto.randomUUID(),
        aud: 'authenticated',
        role: 'authenticated',
        email: 'someone@test.local',
        session_id: crypto.randomUUID(),
        iat: now(),
        exp: now() + 3600,
        ...overrides,
      }).setProtectedHeader({ alg: 'ES256', typ: 'JWT', ...header }).sign(key)
    },
    stop: () => server.shutdown(),
  }
}
