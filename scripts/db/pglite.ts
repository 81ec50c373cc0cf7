/**
 * PGlite (Postgres in WASM) served over the Postgres wire protocol, so the functions and the auth server
 * use postgres.js exactly as they would against Supabase.
 */
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { pgtap } from '@electric-sql/pglite-pgtap'

export interface PgliteServer {
  /** postgres:// URL of the socket server. */
  url: string
  stop(): Promise<void>
}

export interface PgliteOptions {
  /** Folder to persist into; in memory when absent. */
  dataDir?: string
  port: number
  /** Load the pgTAP extension (tests). */
  pgtap?: boolean
  /** Must exceed the sum of every client's pool (see DESIGN.md). */
  maxConnections?: number
}

export async function startPglite(options: PgliteOptions): Promise<PgliteServer> {
  if (options.dataDir) await Deno.mkdir(options.dataDir, { recursive: true })
  const db = await PGlite.create({
    dataDir: options.dataDir,
    extensions: options.pgtap ? { pgtap } : {},
  })
  const server = new PGLiteSocketServer({
    db,
    port: options.port,
    host: '127.0.0.1',
    maxConnections: options.maxConnections ?? 64,
  })
  await server.start()
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    async stop() {
      await server.stop()
      await db.close()
    },
  }
}
