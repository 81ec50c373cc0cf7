/**
 * The caller every operation works with: the route helper's context with a `db` whose `asService` runs in
 * the request's own transaction (the role switched to service_role, then back). The kit's credential reads
 * (tenantVapi, serverConfig) go through `asService`: on a second connection they would not see a secret
 * generated earlier in this transaction, and on the single-session local database they would wait for this
 * transaction to end.
 */
import type { Db, Tx } from '../_shared/db.ts'
import type { VoiceCaller } from '../_shared/voice.ts'

/** `fn` as the service role inside `tx`; it must not overlap other statements of the transaction. */
async function asServiceWithin<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await tx`select set_config('role', 'service_role', true)`
  try {
    return await fn()
  } finally {
    await tx`select set_config('role', 'authenticated', true)`
  }
}

export function assistantsCaller<C extends VoiceCaller>(ctx: C): C {
  const { tx } = ctx
  const db: Db = { ...ctx.deps.db, asService: (fn) => asServiceWithin(tx, () => fn(tx)) }
  return { ...ctx, deps: { ...ctx.deps, db } }
}
