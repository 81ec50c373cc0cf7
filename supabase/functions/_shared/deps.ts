/**
 * The core dependencies every function gets, built once per process from the core slice of the environment.
 * A function adds its own (a provider client from that provider's slice) in its definition, so it never
 * holds another provider's client or secret. Tests build their own and override any part.
 */
import { createJwtVerifier, type JwtVerifier } from './auth.ts'
import { createDb, type Db } from './db.ts'
import { type Env, type EnvSource, loadEnv } from './env.ts'
import { createLogger, type Logger } from './log.ts'
import { createSecrets, type Secrets } from './secrets.ts'

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export interface CoreDeps {
  env: Env
  db: Db
  verifyJwt: JwtVerifier
  /** Seals and opens tenant credentials under APP_ENCRYPTION_KEY. */
  secrets: Secrets
  clock: Clock
  log: Logger
}

export function createCoreDeps(source?: EnvSource): CoreDeps {
  const env = loadEnv(source)
  return {
    env,
    db: createDb(env),
    verifyJwt: createJwtVerifier({ supabaseUrl: env.SUPABASE_URL, jwtSecret: env.SUPABASE_JWT_SECRET }),
    secrets: createSecrets(env.APP_ENCRYPTION_KEY),
    clock: systemClock,
    log: createLogger(),
  }
}
