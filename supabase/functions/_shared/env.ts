/**
 * The functions' environment, validated once at start so a misconfigured deployment fails loudly with the
 * name of the variable instead of at the first request that needs it.
 */
import { z } from 'zod'

/** One AES-256 key from APP_ENCRYPTION_KEY; its id is recorded beside every ciphertext it seals. */
export interface EncryptionKey {
  id: string
  bytes: Uint8Array<ArrayBuffer>
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/

const EncryptionKeys = z.string().trim().min(1).transform((value, ctx): EncryptionKey[] => {
  const keys: EncryptionKey[] = []
  for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':')
    const id = colon > 0 ? entry.slice(0, colon) : ''
    if (!KEY_ID.test(id)) {
      ctx.addIssue({ code: 'custom', message: 'each key must be `<keyId>:<base64 of 32 bytes>`' })
      return z.NEVER
    }
    let bytes: Uint8Array<ArrayBuffer>
    try {
      bytes = Uint8Array.from(atob(entry.slice(colon + 1)), (ch) => ch.charCodeAt(0))
    } catch {
      bytes = new Uint8Array()
    }
    if (bytes.length !== 32) {
      ctx.addIssue({ code: 'custom', message: `key "${id}" must be the base64 of exactly 32 bytes` })
      return z.NEVER
    }
    if (keys.some((k) => k.id === id)) {
      ctx.addIssue({ code: 'custom', message: `key id "${id}" appears twice` })
      return z.NEVER
    }
    keys.push({ id, bytes })
  }
  if (keys.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'at least one key is required' })
    return z.NEVER
  }
  return keys
})

export const HttpUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''))

/** A `true`/`false` variable. */
export const Flag = (fallback: boolean) =>
  z.enum(['true', 'false']).default(fallback ? 'true' : 'false').transform((v) => v === 'true')

/**
 * What every function needs: the project, the database, token verification, sealing, CORS. A provider's
 * variables are not here: each lives in its adapter's own slice (vapiEnv in vapi.ts…), read only by the
 * functions that use that provider.
 */
const CoreEnvSchema = z.object({
  SUPABASE_URL: HttpUrl,
  SUPABASE_DB_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DB_PREPARE: Flag(false),
  SUPABASE_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  APP_ENCRYPTION_KEY: EncryptionKeys,
  APP_ORIGINS: z.string().default('http://localhost:5173').transform((v) =>
    v.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean)
  ),
  /**
   * Check every response body against its route's contract (a mismatch is a 500 naming the route). On in
   * the local stack and the tests, off in production where a user should get the data anyway.
   */
  VALIDATE_RESPONSES: Flag(false),
})

export type Env = z.infer<typeof CoreEnvSchema>

/** The environment as a record of strings (Deno.env.toObject(), or a test's own). */
export type EnvSource = Record<string, string | undefined>

export class EnvError extends Error {
  override name = 'EnvError'
}

/** The core slice of the environment; see readEnv. */
export function loadEnv(source: EnvSource = Deno.env.toObject()): Env {
  return readEnv(CoreEnvSchema, source)
}

/**
 * Parses one slice of the environment; empty strings count as unset, as `supabase secrets set` cannot unset a
 * value. Throws EnvError naming every bad variable, never echoing a value (some are secrets).
 */
export function readEnv<S extends z.ZodObject>(
  schema: S,
  source: EnvSource = Deno.env.toObject(),
): z.output<S> {
  const present = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]),
  )
  const parsed = schema.safeParse(present)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?')
    return present[name] === undefined ? `${name} is required` : `${name}: ${issue.message}`
  })
  throw new EnvError(`Invalid environment: ${problems.join('; ')}`)
}
