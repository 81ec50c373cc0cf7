/**
 * A local, GoTrue-compatible subset of Supabase Auth: enough of /auth/v1 for an unmodified
 * @supabase/supabase-js v2 (email + password sign-up and sign-in, rotating refresh tokens, user, logout,
 * JWKS), answering with GoTrue's bodies and error codes (docs/specs/gotrue-openapi.yaml). As with
 * `supabase start`, sign-up needs no email confirmation and returns a session at once.
 */
import { type Context, Hono } from 'hono'
import { cors } from 'hono/cors'
import postgres from 'postgres'
import bcrypt from 'bcryptjs'
import type { JWK, JWTPayload } from 'jose'
import { MAX_JSON_DEPTH, parseJsonText } from '../../shared/json.ts'
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from '../../shared/text.ts'
import { readBodyBytes } from '../../shared/request-body.ts'
import {
  AuthError,
  badEmail,
  fromDataException,
  invalidCredentials,
  MAX_PASSWORD_BYTES,
  passwordTooLong,
  refreshTokenAlreadyUsed,
  refreshTokenNotFound,
  weakPassword,
} from './errors.ts'
import { anonKeyFor, loadSigningKey, sign, verify } from './keys.ts'
import { RateLimiter, type RateLimits } from './rate-limit.ts'
import * as store from './store.ts'

export interface AuthServerOptions {
  dbUrl: string
  /** The gateway's URL; tokens are issued by `${apiUrl}/auth/v1`. */
  apiUrl: string
  /** Where the signing key is kept between runs; a throwaway key when absent. */
  keyFile?: string
  /** postgres.js `prepare`: true on PGlite, false behind a transaction pooler. */
  prepare: boolean
  /** GoTrue's REFRESH_TOKEN_REUSE_INTERVAL in seconds (Supabase's default: 10). */
  refreshTokenReuseInterval?: number
  /** Per IP address, as supabase/config.toml's [auth.rate_limit] (readRateLimits). */
  rateLimits: RateLimits
}

export interface AuthServer {
  /** Serves `/auth/v1/*` (the full path, as the gateway receives it); `info` gives the client's address. */
  handler(req: Request, info?: Deno.ServeHandlerInfo): Promise<Response>
  anonKey: string
  jwks: { keys: JWK[] }
  /** Verifies a token signed by this server (any role), as Supabase's gateway does for verify_jwt. */
  verifyJwt(token: string): Promise<JWTPayload>
  stop(): Promise<void>
}

const ACCESS_TOKEN_TTL = 3600
const MIN_PASSWORD_LENGTH = 6
const BCRYPT_COST = 10
// Bodies are a few hundred bytes; user metadata ends up in every access token, so it stays small too.
const MAX_BODY_BYTES = 64 * 1024
// Same rule as GoTrue's: something@something.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
// Compared against when the email is unknown so a wrong email costs the same time as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('not-a-password', BCRYPT_COST)

interface Caller {
  claims: JWTPayload & { session_id?: string }
  user: store.UserRow
  sessionId?: string
}

export async function createAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  const key = await loadSigningKey(options.keyFile)
  const anonKey = await anonKeyFor(key)
  const issuer = `${options.apiUrl.replace(/\/+$/, '')}/auth/v1`
  const reuseInterval = options.refreshTokenReuseInterval ?? 10
  const signInSignUps = new RateLimiter(options.rateLimits.sign_in_sign_ups)
  const tokenRefresh = new RateLimiter(options.rateLimits.token_refresh)
  const sql = postgres(options.dbUrl, { max: 4, prepare: options.prepare, onnotice: () => {} })

  async function tokenResponse(
    tx: store.Sql,
    user: store.UserRow,
    session: store.SessionRow,
    refreshToken: string,
  ) {
    const now = Math.floor(Date.now() / 1000)
    const accessToken = await sign(key, {
      iss: issuer,
      sub: user.id,
      aud: user.aud ?? 'authenticated',
      exp: now + ACCESS_TOKEN_TTL,
      iat: now,
      email: user.email,
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data,
      user_metadata: user.raw_user_meta_data,
      role: user.role ?? 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: Math.floor(session.created_at.getTime() / 1000) }],
      session_id: session.id,
      is_anonymous: user.is_anonymous,
    })
    await store.touchSession(tx, session.id)
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_TTL,
      expires_at: now + ACCESS_TOKEN_TTL,
      refresh_token: refreshToken,
      user: userJson(user),
    }
  }

  async function startSession(tx: store.Sql, user: store.UserRow) {
    const session = await store.createSession(tx, user.id)
    const refresh = await store.insertRefreshToken(tx, session, null)
    return tokenResponse(tx, user, session, refresh.token)
  }

  /** GoTrue's requireAuthentication: a valid user token whose session and user still exist. */
  async function caller(c: Context): Promise<Caller> {
    const header = c.req.header('authorization') ?? ''
    const match = /^bearer\s+(\S+)$/i.exec(header)
    if (!match) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token')
    let claims: Caller['claims']
    try {
      claims = await verify(key, match[1])
    } catch (error) {
      throw new AuthError(
        403,
        'bad_jwt',
        `invalid JWT: unable to parse or verify signature, ${message(error)}`,
      )
    }
    if (!claims.sub) throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim')
    const user = await store.findUserById(sql, claims.sub)
    if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist')
    if (claims.session_id && !(await store.findSession(sql, claims.session_id))) {
      throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist')
    }
    return { claims, user, sessionId: claims.session_id }
  }

  async function passwordGrant(body: Body) {
    const email = str(body.email)
    const password = str(body.password)
    if (!email && str(body.phone)) {
      throw new AuthError(400, 'phone_provider_disabled', 'Phone logins are disabled')
    }
    if (!email || !password) throw invalidCredentials()
    const user = await store.findUserByEmail(sql, email)
    const ok = await bcrypt.compare(password, user?.encrypted_password ?? DUMMY_HASH)
    if (!user || !user.encrypted_password || !ok) throw invalidCredentials()
    if (user.banned_until && user.banned_until > new Date()) {
      throw new AuthError(400, 'user_banned', 'User is banned')
    }
    if (!user.email_confirmed_at) throw new AuthError(400, 'email_not_confirmed', 'Email not confirmed')
    return sql.begin(async (tx) => {
      const signedIn = await store.updateUser(tx, user.id, { signedIn: true })
      return startSession(tx, signedIn)
    })
  }

  async function refreshGrant(body: Body) {
    const token = str(body.refresh_token)
    if (!token) throw new AuthError(400, 'validation_failed', 'refresh_token required')
    // A reused token must revoke its family durably even though the request fails, so the transaction
    // returns the error instead of throwing it (a throw would roll the revocation back).
    const result = await sql.begin(async (tx) => {
      const row = await store.findRefreshTokenForUpdate(tx, token)
      const session = row?.session_id ? await store.findSession(tx, row.session_id) : undefined
      if (!row || !session) return refreshTokenNotFound()
      if (session.not_after && session.not_after < new Date()) {
        return new AuthError(400, 'session_expired', 'Session Expired')
      }
      const user = await store.findUserById(tx, session.user_id)
      if (!user) return refreshTokenNotFound()
      if (row.revoked) {
        const active = await store.activeRefreshToken(tx, session.id)
        // The client lost the answer to its last refresh: hand back the token it should have stored.
        if (active && active.parent === row.token) return tokenResponse(tx, user, session, active.token)
        if (Date.now() > row.updated_at.getTime() + reuseInterval * 1000) {
          await store.revokeTokenFamily(tx, session.id)
          return refreshTokenAlreadyUsed()
        }
      } else {
        await store.revokeRefreshToken(tx, row.id)
      }
      const next = await store.insertRefreshToken(tx, session, row.token)
      return tokenResponse(tx, user, session, next.token)
    })
    if (result instanceof AuthError) throw result
    return result
  }

  const app = new Hono<{ Bindings: Client }>().basePath('/auth/v1')
  // Supabase's API gateway answers CORS for /auth/v1 (any origin, requested headers mirrored).
  app.use('*', cors({ origin: '*', maxAge: 3600 }))
  // Supabase serves the JWKS without an apikey (an open route in its gateway) so verifiers need no key.
  app.get('/.well-known/jwks.json', (c) => c.json({ keys: [key.publicJwk] }))
  app.use('*', async (c, next) => {
    const apikey = c.req.header('apikey') ?? c.req.query('apikey')
    if (!apikey) {
      return c.json({
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      }, 401)
    }
    const role = await verify(key, apikey).then((claims) => claims.role, () => undefined)
    if (role !== 'anon' && role !== 'service_role') {
      return c.json({
        message: 'Invalid API key',
        hint: 'Double check your Supabase `anon` or `service_role` API key.',
      }, 401)
    }
    await next()
  })
  app.onError((error) => {
    if (error instanceof AuthError) return error.toResponse()
    const refused = fromDataException(error)
    if (refused) return refused.toResponse()
    console.error('auth: unexpected error', message(error))
    return new AuthError(
      500,
      'unexpected_failure',
      'Unexpected failure, please check server logs for more information',
    )
      .toResponse()
  })

  app.get(
    '/health',
    (c) =>
      c.json({
        version: 'local',
        name: 'GoTrue',
        description: 'GoTrue is a user registration and authentication API',
      }),
  )
  app.get('/settings', (c) =>
    c.json({
      external: { email: true, phone: false, anonymous_users: false },
      disable_signup: false,
      mailer_autoconfirm: true,
      phone_autoconfirm: false,
      sms_provider: '',
      saml_enabled: false,
    }))
  app.post('/signup', async (c) => {
    const body = await readBody(c)
    // As GoTrue: after the body parses, before it is validated.
    signInSignUps.take(c.env.ip)
    const email = str(body.email)?.trim().toLowerCase()
    const password = str(body.password)
    if (!email) {
      if (str(body.phone)) throw new AuthError(400, 'phone_provider_disabled', 'Phone signups are disabled')
      throw new AuthError(400, 'validation_failed', 'To signup, please provide your email')
    }
    if (!password) throw new AuthError(422, 'validation_failed', 'Signup requires a valid password')
    if (!EMAIL.test(email) || email.length > 255) throw badEmail()
    checkPassword(password)
    const data = isObject(body.data) ? body.data : {}
    const passwordHash = await bcrypt.hash(password, BCRYPT_COST)
    try {
      return c.json(
        await sql.begin(async (tx) => {
          if (await store.findUserByEmail(tx, email)) throw userExists()
          return startSession(tx, await store.insertUser(tx, { email, passwordHash, userMetadata: data }))
        }),
      )
    } catch (error) {
      throw isUniqueViolation(error) ? userExists() : error
    }
  })

  app.post('/token', async (c) => {
    const grantType = c.req.query('grant_type')
    if (grantType !== 'password' && grantType !== 'refresh_token') {
      throw new AuthError(400, 'validation_failed', 'unsupported_grant_type')
    }
    // GoTrue limits both grants with token_refresh, before reading the body: every sign-in costs a bcrypt.
    tokenRefresh.take(c.env.ip)
    const body = await readBody(c)
    return c.json(grantType === 'password' ? await passwordGrant(body) : await refreshGrant(body))
  })

  app.get('/user', async (c) => c.json(userJson((await caller(c)).user)))

  app.put('/user', async (c) => {
    const { user, sessionId } = await caller(c)
    signInSignUps.take(c.env.ip)
    const body = await readBody(c)
    const changes: Parameters<typeof store.updateUser>[2] = {}
    const email = str(body.email)?.trim().toLowerCase()
    if (email !== undefined && email !== user.email) {
      if (!EMAIL.test(email) || email.length > 255) throw badEmail()
      changes.email = email
    }
    const password = str(body.password)
    if (password !== undefined) {
      checkPassword(password)
      if (user.encrypted_password && await bcrypt.compare(password, user.encrypted_password)) {
        throw new AuthError(422, 'same_password', 'New password should be different from the old password.')
      }
      changes.passwordHash = await bcrypt.hash(password, BCRYPT_COST)
    }
    if (isObject(body.data)) {
      // GoTrue merges the keys into user_metadata; a null value removes the key.
      const merged: Record<string, unknown> = { ...user.raw_user_meta_data }
      for (const [k, v] of Object.entries(body.data)) {
        if (v === null) delete merged[k]
        else merged[k] = v
      }
      changes.userMetadata = merged
    }
    try {
      const updated = await sql.begin(async (tx) => {
        if (changes.email) {
          const other = await store.findUserByEmail(tx, changes.email)
          if (other && other.id !== user.id) throw emailExists()
        }
        const row = await store.updateUser(tx, user.id, changes)
        // A new password signs out every other session, as GoTrue's UpdatePassword does.
        if (changes.passwordHash) {
          await store.deleteSessions(tx, user.id, sessionId ? { except: sessionId } : {})
        }
        return row
      })
      return c.json(userJson(updated))
    } catch (error) {
      throw isUniqueViolation(error) ? emailExists() : error
    }
  })

  app.post('/logout', async (c) => {
    const { user, sessionId } = await caller(c)
    const scope = c.req.query('scope') ?? 'global'
    if (scope === 'global') await store.deleteSessions(sql, user.id)
    else if (scope === 'local') {
      if (sessionId) await store.deleteSessions(sql, user.id, { only: sessionId })
    } else if (scope === 'others') {
      if (sessionId) await store.deleteSessions(sql, user.id, { except: sessionId })
    } else throw new AuthError(400, 'validation_failed', 'Unsupported logout scope')
    return c.body(null, 204)
  })

  app.notFound(() => new AuthError(404, 'not_found', 'Not Found').toResponse())

  return {
    handler: async (req, info) => await app.fetch(req, { ip: clientIp(info) }),
    anonKey,
    jwks: { keys: [key.publicJwk] },
    verifyJwt: (token) => verify(key, token),
    stop: () => sql.end(),
  }
}

type Body = Record<string, unknown>

/** Who is calling, for the rate limits: the gateway passes Deno.serve's info through. */
interface Client {
  ip: string
}

function clientIp(info: Deno.ServeHandlerInfo | undefined): string {
  const addr = info?.remoteAddr
  return addr && 'hostname' in addr ? addr.hostname : 'unknown'
}

/**
 * The JSON body, bounded in size and depth, with every string and key storable as text: a NUL or an unpaired
 * surrogate anywhere (email, password, refresh token, metadata) is a 400 naming the field.
 */
async function readBody(c: Context): Promise<Body> {
  const bytes = await readBodyBytes(c.req.raw, MAX_BODY_BYTES)
  if (bytes === 'too_large') {
    throw new AuthError(413, 'validation_failed', `Request body is larger than ${MAX_BODY_BYTES} bytes`)
  }
  const parsed = parseJsonText(new TextDecoder().decode(bytes), { maxDepth: MAX_JSON_DEPTH })
  if (!parsed.ok) {
    throw new AuthError(
      400,
      'bad_json',
      parsed.reason === 'too_deep'
        ? `Could not parse request body as JSON: nested deeper than ${MAX_JSON_DEPTH} levels`
        : 'Could not parse request body as JSON: malformed',
    )
  }
  if (!isObject(parsed.value)) {
    throw new AuthError(400, 'bad_json', 'Could not parse request body as JSON: not an object')
  }
  const unsafe = findUnsafeText(parsed.value)
  if (unsafe) {
    throw new AuthError(400, 'validation_failed', `${unsafe.path}: ${UNSAFE_TEXT_MESSAGE[unsafe.reason]}`)
  }
  return parsed.value
}

/** GoTrue's order: too long for bcrypt first, then too short. */
function checkPassword(password: string) {
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) throw passwordTooLong()
  if (password.length < MIN_PASSWORD_LENGTH) throw weakPassword()
}

/** The user as GoTrue serializes it (models.User). */
export function userJson(user: store.UserRow) {
  const identityId = user.id
  return {
    id: user.id,
    aud: user.aud,
    role: user.role,
    email: user.email,
    email_confirmed_at: user.email_confirmed_at,
    phone: user.phone ?? '',
    confirmed_at: user.email_confirmed_at,
    last_sign_in_at: user.last_sign_in_at,
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    identities: [{
      identity_id: identityId,
      id: user.id,
      user_id: user.id,
      identity_data: { email: user.email, email_verified: true, phone_verified: false, sub: user.id },
      provider: 'email',
      last_sign_in_at: user.last_sign_in_at,
      created_at: user.created_at,
      updated_at: user.updated_at,
      email: user.email,
    }],
    created_at: user.created_at,
    updated_at: user.updated_at,
    is_anonymous: user.is_anonymous,
  }
}

const userExists = () => new AuthError(422, 'user_already_exists', 'User already registered')
const emailExists = () =>
  new AuthError(422, 'email_exists', 'A user with this email address has already been registered')

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505'
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
