/**
 * The caller every changing operation works with: the route helper's context with a `db` whose `asService`
 * runs inside the request's own transaction (the role switched to service_role, then back). The voice kit
 * reads the tenant's credentials through `asService` (tenantVapi, serverConfig, routeNumbers): on a second
 * connection that read would not see a webhook secret generated earlier in this transaction, and on the
 * single-session local database it would wait for this transaction to end, which never comes.
 */
import type { Db, Tx } from '../_shared/db.ts'
import type { VoiceCaller } from '../_shared/voice.ts'

/** `fn` as the service role inside `tx`; nothing else of the transaction runs meanwhile. */
async function asServiceWithin<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await tx`select set_config('role', 'service_role', true)`
  try {
    return await fn()
  } finally {
    await tx`select set_config('role', 'authenticated', true)`
  }
}

export function inTransaction<C extends VoiceCaller>(ctx: C): C {
  const { tx } = ctx
  const db: Db = { ...ctx.deps.db, asService: (fn) => asServiceWithin(tx, () => fn(tx)) }
  return { ...ctx, deps: { ...ctx.deps, db } }
}
