/**
 * A migrated database for the stack's own tests: the one `npm test` gives (SUPABASE_DB_URL, DB_PREPARE) or,
 * run alone, a fresh in-memory PGlite. Test code only.
 */
import { migrate } from '../db/migrate.ts'
import { startPglite } from '../db/pglite.ts'
import { type RateLimits, TEST_RATE_LIMITS } from './rate-limit.ts'
import { createAuthServer } from './server.ts'

export interface TestDatabase {
  url: string
  prepare: boolean
  stop(): Promise<void>
}

export async function testDatabase(): Promise<TestDatabase> {
  const url = Deno.env.get('SUPABASE_DB_URL')
  if (url) return { url, prepare: Deno.env.get('DB_PREPARE') === 'true', stop: async () => {} }
  const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 })
  const port = (listener.addr as Deno.NetAddr).port
  listener.close()
  const db = await startPglite({ port })
  await migrate(db.url, { seed: false, prepare: true })
  return { url: db.url, prepare: true, stop: db.stop }
}

/** An auth server on its own loopback port (so `${url}/auth/v1` is its issuer), over a test database. */
export async function startTestAuth(
  options: { keyFile?: string; refreshTokenReuseInterval?: number; rateLimits?: RateLimits } = {},
) {
  const db = await testDatabase()
  const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 })
  const port = (listener.addr as Deno.NetAddr).port
  listener.close()
  const url = `http://127.0.0.1:${port}`
  const auth = await createAuthServer({
    dbUrl: db.url,
    apiUrl: url,
    prepare: db.prepare,
    rateLimits: TEST_RATE_LIMITS,
    ...options,
  })
  const server = Deno.serve({ hostname: '127.0.0.1', port, onListen: () => {} }, auth.handler)
  return {
    url,
    auth,
    async stop() {
      await server.shutdown()
      await auth.stop()
      await db.stop()
    },
  }
}
