/**
 * The one database helper. Every request runs in ONE transaction: as the calling user (role `authenticated`
 * with `request.jwt.claims`, so RLS decides what it sees) or, for webhooks and jobs that resolved their
 * tenant themselves, as `service_role`. The claims are set transaction-locally, so they never outlive it on a
 * pooled connection.
 */
import postgres from 'postgres'
import { isDataException } from '../../../shared/sqlstate.ts'
import type { Claims } from './auth.ts'
import type { Env } from './env.ts'
import { AppError, Conflict, Forbidden } from './errors.ts'

export type Tx = postgres.TransactionSql<Record<string, never>>

export interface Db {
  asUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T>
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  end(): Promise<void>
}

/**
 * Runs `fn` as `service_role` inside a user's transaction, then switches back to `authenticated` (the claims
 * stay). For the few reads the API roles may never make (a sealed credential) in the middle of a request:
 * a second connection would not see what this transaction wrote, and on the single-session local database
 * it would wait for this transaction to end. `fn` must not run other statements of `tx` concurrently.
 */
export async function asServiceWithin<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  await tx`select set_config('role', 'service_role', true)`
  try {
    return await fn(tx)
  } finally {
    await tx`select set_config('role', 'authenticated', true)`
  }
}

export function createDb(env: Pick<Env, 'SUPABASE_DB_URL' | 'DB_PREPARE'>): Db {
  const sql = postgres(env.SUPABASE_DB_URL, {
    // false behind Supabase's transaction pooler; true on PGlite, which needs named statements (docs/architecture.md).
    prepare: env.DB_PREPARE,
    max: 4,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
  })

  async function run<T>(role: string, claims: unknown, fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await sql.begin(async (tx) => {
        await tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${
          JSON.stringify(claims)
        }, true)`
        return await fn(tx as unknown as Tx)
      }) as T
    } catch (error) {
      throw toAppError(error)
    }
  }

  return {
    asUser: (claims, fn) => run('authenticated', claims, fn),
    asService: (fn) => run('service_role', { role: 'service_role' }, fn),
    end: () => sql.end({ timeout: 5 }),
  }
}

/** Postgres errors a caller can act on become problems; the database's own text never leaves the server. */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof postgres.PostgresError)) return error
  switch (error.code) {
    case '42501':
      return new Forbidden('forbidden', 'You are not allowed to do this in this tenant')
    case '23505':
      return new Conflict('already_exists', 'A record with the same unique value already exists')
    case '23503':
      return new Conflict('reference_conflict', 'The record refers to, or is referred to by, another record')
    case '23514':
    case '23502':
      return new AppError(422, 'constraint_violation', 'A value is not allowed', {
        detail: `The data breaks the rule "${error.constraint_name ?? 'not null'}"`,
      })
    default:
      if (isDataException(error)) {
        return new AppError(400, 'invalid_value', 'A value has the wrong format', {
          detail: 'Check the format of the values sent (identifiers, dates, numbers, time zones, text)',
        })
      }
      return error
  }
}
