/**
 * PGlite (Postgres in WASM) served over the Postgres wire protocol, so the functions and the auth server
 * use postgres.js exactly as they would against Supabase.
 */
import { PGlite } from '@electric-sql/pglite'
import { pgtap } from '@electric-sql/pglite-pgtap'
import { stackOverflowGuard } from './stack-overflow.ts'
import { serveWire } from './wire.ts'

export interface PgliteServer {
  /** postgres:// URL of the socket server. */
  url: string
  stop(): Promise<void>
}

export interface PgliteOptions {
  /** Folder to persist into; in memory when absent. */
  dataDir?: string
  /** 0 picks a free port (see `url`). */
  port: number
  /** Load the pgTAP extension (tests). */
  pgtap?: boolean
}

export async function startPglite(options: PgliteOptions): Promise<PgliteServer> {
  if (options.dataDir) await Deno.mkdir(options.dataDir, { recursive: true })
  const guard = stackOverflowGuard()
  const db = await PGlite.create({
    dataDir: options.dataDir,
    extensions: { stackOverflowGuard: guard.extension, ...(options.pgtap ? { pgtap } : {}) },
  })
  guard.attach(db)
  const server = serveWire(db, { port: options.port })
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${server.port}/postgres`,
    async stop() {
      await server.stop()
      await db.close()
    },
  }
}
