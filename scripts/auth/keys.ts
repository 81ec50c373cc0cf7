/**
 * The ES256 key that signs every local token (access tokens and the anon key), as Supabase's asymmetric
 * JWT signing keys do. Persisted as a JWK so tokens, the anon key in web/.env.local and the functions'
 * cached JWKS survive a restart of `npm start`.
 */
import { dirname } from 'node:path'
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose'

type ImportedKey = Awaited<ReturnType<typeof importJWK>>

export interface SigningKey {
  kid: string
  privateKey: ImportedKey
  publicKey: ImportedKey
  /** The public half as published at /.well-known/jwks.json. */
  publicJwk: JWK
}

/** Reads the key from `file` (creating it on first use) or, without a file, makes a throwaway one. */
export async function loadSigningKey(file?: string): Promise<SigningKey> {
  let privateJwk: JWK | undefined
  if (file) {
    try {
      privateJwk = JSON.parse(await Deno.readTextFile(file))
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error
    }
  }
  if (!privateJwk) {
    const pair = await generateKeyPair('ES256', { extractable: true })
    privateJwk = { ...(await exportJWK(pair.privateKey)), kid: crypto.randomUUID(), alg: 'ES256' }
    if (file) {
      await Deno.mkdir(dirname(file), { recursive: true })
      await Deno.writeTextFile(file, JSON.stringify(privateJwk, null, 2) + '\n', { mode: 0o600 })
    }
  }
  const { d: _private, ...publicPart } = privateJwk
  const publicJwk: JWK = { ...publicPart, alg: 'ES256', use: 'sig', key_ops: ['verify'] }
  return {
    kid: privateJwk.kid!,
    privateKey: await importJWK(privateJwk, 'ES256'),
    publicKey: await importJWK(publicJwk, 'ES256'),
    publicJwk,
  }
}

export function sign(key: SigningKey, payload: JWTPayload): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' }).sign(
    key.privateKey,
  )
}

/** Signature and expiry only, like Supabase's gateway; callers check the role they need. */
export async function verify(key: SigningKey, token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, key.publicKey, { algorithms: ['ES256'] })
  return payload
}

/** Supabase's demo anon key carries these claims; ours is the same token signed with the local key. */
export function anonKeyFor(key: SigningKey): Promise<string> {
  return sign(key, { iss: 'supabase-demo', role: 'anon', iat: 1641769200, exp: 1983812996 })
}
