/**
 * A delivery is answered 2xx only once what it says is committed. When the database cannot be reached (a
 * refused or dropped connection, a failover, a server shutting down, too many connections), the answer is
 * 503 `storage_unavailable` with `Retry-After`: nothing was stored, and Vapi sends the message again with
 * the backoff plan every server block carries (voice.ts serverConfig).
 */
import postgres from 'postgres'
import { AppError } from '../_shared/errors.ts'
import { errorFields, type Logger } from '../_shared/log.ts'

class StorageUnavailable extends AppError {
  constructor() {
    super(503, 'storage_unavailable', 'The delivery could not be stored', {
      detail: 'Nothing was stored; send it again',
      headers: { 'retry-after': '5' },
    })
  }
}

/** Runs `work`; a database outage becomes StorageUnavailable (logged without the query's data). */
export async function durably<T>(log: Logger, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!isOutage(error)) throw error
    log.error('webhook.storage_unavailable', errorFields(error))
    throw new StorageUnavailable()
  }
}

/**
 * Postgres's classes for a lost connection (08), a transaction to run again (40), exhausted resources (53),
 * an operator intervention such as a shutdown (57) and a system error (58); and postgres.js's own connection
 * errors and the socket's (ECONNREFUSED, CONNECTION_CLOSED, CONNECT_TIMEOUT…), which carry a code but are
 * not PostgresErrors. Our own mistakes (no code) stay 500s.
 */
function isOutage(error: unknown): boolean {
  if (error instanceof AppError || !(error instanceof Error)) return false
  if (error instanceof postgres.PostgresError) return /^(08|40|53|57|58)/.test(error.code)
  return typeof (error as { code?: unknown }).code === 'string'
}
