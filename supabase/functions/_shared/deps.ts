/** Everything a handler needs, built once per process from the environment and injected (tests build their own). */
import { createJwtVerifier, type JwtVerifier } from './auth.ts'
import { createDb, type Db } from './db.ts'
import { type Env, loadEnv } from './env.ts'
import { createSecrets, type Secrets } from './secrets.ts'
import { createVapiFactory, type VapiFactory } from './vapi.ts'

export interface Deps {
  env: Env
  db: Db
  verifyJwt: JwtVerifier
  /** Builds a Vapi client for an API key; see vapiForTenant for a tenant's own. */
  vapi: VapiFactory
  /** Seals and opens tenant credentials under APP_ENCRYPTION_KEY. */
  secrets: Secrets
}

export function createDeps(env: Env = loadEnv()): Deps {
  return {
    env,
    db: createDb(env),
    verifyJwt: createJwtVerifier({ supabaseUrl: env.SUPABASE_URL, jwtSecret: env.SUPABASE_JWT_SECRET }),
    vapi: createVapiFactory(env),
    secrets: createSecrets(env.APP_ENCRYPTION_KEY),
  }
}
