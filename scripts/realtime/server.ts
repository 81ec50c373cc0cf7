/**
 * The local stand-in for Supabase Realtime, enough for "Broadcast from Database" on private channels:
 * realtime-js connects to `/realtime/v1/websocket?apikey=…&vsn=…` (the gateway routes it here), joins
 * `realtime:<topic>` channels that RLS policies on `realtime.messages` authorize, and receives what
 * `realtime.send` / `realtime.broadcast_changes` insert there (scripts/db/realtime.sql). On Supabase the real
 * Realtime does all of this and none of it runs.
 */
import postgres from 'postgres'
import type { VerifyJwt } from './authorize.ts'
import { Connection } from './connection.ts'
import { MessageFeed } from './feed.ts'
import { parseVsn } from './protocol.ts'

export interface RealtimeServerOptions {
  dbUrl: string
  /** postgres.js `prepare`: true on PGlite, false behind a transaction pooler. */
  prepare: boolean
  /** Verifies an access token or the apikey (the local auth's `verifyJwt`). */
  verifyJwt: VerifyJwt
  /** Database failures and failing policies; console.error by default. */
  log?: (line: string) => void
  /** A socket that sent nothing for this long is closed (realtime-js heartbeats every 25 s). Default 60 s. */
  idleTimeoutMs?: number
  /** How often realtime.messages is read while a channel is joined. Default 100 ms. */
  pollIntervalMs?: number
}

export interface RealtimeServer {
  /** Upgrades a request for `/realtime/v1/websocket` (the full URL, with `apikey` and `vsn`). */
  handler(req: Request): Promise<Response>
  /** Closes every socket, stops reading realtime.messages and closes the pool. */
  stop(): Promise<void>
}

export function createRealtimeServer(options: RealtimeServerOptions): RealtimeServer {
  const log = options.log ?? console.error
  const sql = postgres(options.dbUrl, { max: 4, prepare: options.prepare, onnotice: () => {} })
  const connections = new Set<Connection>()
  const feed = new MessageFeed({
    sql,
    intervalMs: options.pollIntervalMs ?? 100,
    listening: () => [...connections].some((connection) => connection.channels.size > 0),
    deliver: (message) => connections.forEach((connection) => connection.deliver(message)),
    log,
  })
  const context = {
    sql,
    verifyJwt: options.verifyJwt,
    feed,
    log,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
  }
  let stopped = false

  return {
    async handler(req) {
      if (stopped) return Response.json({ message: 'Realtime is stopping' }, { status: 503 })
      if (req.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
        return Response.json({ message: 'Expected a WebSocket upgrade' }, { status: 426 })
      }
      const url = new URL(req.url)
      const vsn = parseVsn(url.searchParams.get('vsn'))
      if (!vsn) return Response.json({ message: 'Unsupported vsn' }, { status: 400 })
      // As Realtime's socket connect: the project's API key must be one of its tokens.
      const apikey = url.searchParams.get('apikey')
      if (!apikey || !(await options.verifyJwt(apikey).then(() => true, () => false))) {
        return Response.json({ message: 'Invalid apikey' }, { status: 403 })
      }
      if (stopped) return Response.json({ message: 'Realtime is stopping' }, { status: 503 })
      const { socket, response } = Deno.upgradeWebSocket(req)
      const connection = new Connection(socket, vsn, apikey, context)
      connections.add(connection)
      connection.closed.then(() => connections.delete(connection))
      return response
    },
    async stop() {
      stopped = true
      await Promise.all([...connections].map((connection) => connection.close(1001, 'server stopping')))
      await feed.stop()
      await sql.end()
    },
  }
}
