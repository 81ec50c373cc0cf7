/**
 * Verifies the caller's Supabase access token. Asymmetric keys (ES256/RS256) come from the project's JWKS at
 * `${SUPABASE_URL}/auth/v1/.well-known/jwks.json`, cached and refreshed on an unknown `kid` by jose; legacy
 * HS256 tokens verify with SUPABASE_JWT_SECRET only when it is configured.
 */
import { createRemoteJWKSet, customFetch, decodeProtectedHeader, errors, jwtVerify } from 'jose'
import type { JWTPayload } from 'jose'
import { AppError, Unauthorized } from './errors.ts'

/** The verified token payload, passed as is to Postgres as `request.jwt.claims`. */
export interface Claims extends JWTPayload {
  sub: string
  role: string
  email?: string
  session_id?: string
}

export type JwtVerifier = (token: string) => Promise<Claims>

export interface JwtVerifierOptions {
  supabaseUrl: string
  jwtSecret?: string
  fetch?: typeof fetch
}

const ASYMMETRIC = ['ES256', 'RS256']

export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const base = options.supabaseUrl.replace(/\/+$/, '')
  const issuer = `${base}/auth/v1`
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
    timeoutDuration: 5000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  })
  const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : undefined

  return async (token) => {
    let alg: string | undefined
    try {
      alg = decodeProtectedHeader(token).alg
    } catch {
      throw new Unauthorized('malformed_token', 'The bearer token is not a valid JWT')
    }
    let payload: JWTPayload
    try {
      payload = alg === 'HS256' && secret
        ? (await jwtVerify(token, secret, { algorithms: ['HS256'] })).payload
        : (await jwtVerify(token, jwks, { algorithms: ASYMMETRIC })).payload
    } catch (error) {
      throw toUnauthorized(error)
    }
    // Role first: the anon key is validly signed but has another issuer, and deserves its own answer.
    if (payload.role !== 'authenticated' || typeof payload.sub !== 'string' || payload.sub === '') {
      throw new Unauthorized('user_required', 'This endpoint needs a signed-in user, not an anonymous key')
    }
    if (payload.iss !== issuer) {
      throw new Unauthorized('invalid_token', 'The token was issued for another project')
    }
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud]
    if (!aud.includes('authenticated')) {
      throw new Unauthorized('invalid_token', 'The token has the wrong audience')
    }
    return payload as Claims
  }
}

function toUnauthorized(error: unknown): AppError {
  if (error instanceof errors.JWTExpired) return new Unauthorized('token_expired', 'The token has expired')
  if (
    error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JOSEAlgNotAllowed
  ) {
    return new Unauthorized('invalid_signature', 'The token is not signed by this project')
  }
  if (
    error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid ||
    error instanceof TypeError ||
    error?.constructor === errors.JOSEError
  ) {
    // The key set could not be fetched: our fault, not the caller's, and worth a retry.
    return new AppError(503, 'auth_unavailable', 'Token verification is unavailable', {
      detail: 'The signing keys could not be fetched; retry shortly',
    })
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new Unauthorized('invalid_token', `The token's "${error.claim}" claim is invalid`)
  }
  return new Unauthorized('malformed_token', 'The bearer token is not a valid JWT')
}

/** Verifies `Authorization: Bearer <user access token>` and returns the claims; 401 problems otherwise. */
export async function verifyBearer(verify: JwtVerifier, header: string | undefined): Promise<Claims> {
  if (!header) {
    throw new Unauthorized('missing_token', 'Send the access token as "Authorization: Bearer <jwt>"')
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) throw new Unauthorized('malformed_token', 'The Authorization header must be "Bearer <jwt>"')
  return await verify(match[1])
}
