/**
 * Serves one PGlite over the Postgres wire protocol to many client connections.
 *
 * PGlite has one backend, so connections take turns. pglite-socket interleaves them message by message,
 * which breaks the extended protocol: another client's Bind/Sync can land between a client's Bind and its
 * Execute, replacing or closing the unnamed portal ("portal \"\" does not exist"), and it happens with
 * postgres.js under load even inside transactions. Here a client's messages run as one unit up to and
 * including its Sync (or a simple Query), and while a client holds an open transaction nobody else runs.
 * Several clients sharing one backend also share its session: postgres.js names its prepared statements
 * randomly per connection, so they never collide.
 */
import type { PGlite } from '@electric-sql/pglite'

const SSL_REQUEST = 80877103
const CANCEL_REQUEST = 80877102
const GSSENC_REQUEST = 80877104

interface Batch {
  client: Client
  messages: Uint8Array[]
  /** Ends with Sync or a simple Query; a batch ending with Flush leaves the client mid-exchange. */
  complete: boolean
}

interface Client {
  conn: Deno.TcpConn
  closed: boolean
}

export interface WireServer {
  port: number
  stop(): Promise<void>
}

export function serveWire(db: PGlite, options: { port: number; hostname?: string }): WireServer {
  const listener = Deno.listen({ port: options.port, hostname: options.hostname ?? '127.0.0.1' })
  const queue: Batch[] = []
  const clients = new Set<Client>()
  let owner: Client | null = null // the client whose transaction is open
  let running = false

  async function drain() {
    if (running) return
    running = true
    try {
      while (queue.length > 0) {
        const index = owner ? queue.findIndex((b) => b.client === owner) : 0
        if (index === -1) break // the transaction's owner has not sent its next batch yet
        const [batch] = queue.splice(index, 1)
        await run(batch)
      }
    } finally {
      running = false
    }
  }

  async function run({ client, messages, complete }: Batch) {
    const out: Uint8Array[] = []
    await db.runExclusive(async () => {
      for (const message of messages) {
        await db.execProtocolRawStream(message, { onRawData: (chunk) => out.push(chunk.slice()) })
      }
    })
    owner = !complete || db.isInTransaction() ? client : null
    if (!client.closed) await writeAll(client, out).catch(() => close(client))
  }

  async function writeAll(client: Client, chunks: Uint8Array[]) {
    for (const chunk of chunks) {
      let written = 0
      while (written < chunk.length) written += await client.conn.write(chunk.subarray(written))
    }
  }

  async function close(client: Client) {
    if (client.closed) return
    client.closed = true
    clients.delete(client)
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i].client === client) queue.splice(i, 1)
    try {
      client.conn.close()
    } catch {
      // already closed by the peer
    }
    if (owner === client) {
      // A client that vanished mid-transaction must not keep everyone else waiting.
      await db.exec('rollback').catch(() => {})
      owner = null
      await drain()
    }
  }

  async function serve(client: Client) {
    let buffer: Uint8Array = new Uint8Array(0)
    let started = false
    let pending: Uint8Array[] = []
    const reader = new Uint8Array(64 * 1024)
    try {
      while (true) {
        const n = await client.conn.read(reader)
        if (n === null) break
        buffer = concat(buffer, reader.subarray(0, n))
        while (true) {
          if (!started) {
            if (buffer.length < 8) break
            const length = readInt32(buffer, 0)
            if (buffer.length < length) break
            const code = readInt32(buffer, 4)
            const message = buffer.slice(0, length)
            buffer = buffer.slice(length)
            if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
              await client.conn.write(new TextEncoder().encode('N'))
            } else if (code === CANCEL_REQUEST) {
              return close(client) // cancellation is not supported; the request connection just ends
            } else {
              started = true
              queue.push({ client, messages: [message], complete: true })
              await drain()
            }
            continue
          }
          if (buffer.length < 5) break
          const length = 1 + readInt32(buffer, 1)
          if (buffer.length < length) break
          const type = String.fromCharCode(buffer[0])
          const message = buffer.slice(0, length)
          buffer = buffer.slice(length)
          if (type === 'X') return close(client)
          pending.push(message)
          // Sync ends an extended-protocol batch and Query is one of its own. Flush asks for the output so far
          // (postgres.js sends Parse/Describe/Flush, reads the types, then Bind/Execute/Sync): run it now but
          // keep the backend for this client until its Sync, or another client's Parse replaces its statement.
          if (type === 'S' || type === 'Q' || type === 'H') {
            queue.push({ client, messages: pending, complete: type !== 'H' })
            pending = []
            await drain()
          }
        }
      }
    } catch {
      // connection reset by the client
    } finally {
      await close(client)
    }
  }

  const accepting = (async () => {
    for await (const conn of listener) {
      conn.setNoDelay(true)
      const client: Client = { conn, closed: false }
      clients.add(client)
      serve(client)
    }
  })().catch((error) => {
    // Closing the listener in stop() ends the loop; anything else would silently stop new connections.
    if (!(error instanceof Deno.errors.BadResource)) {
      console.error('database: accepting connections failed:', error)
    }
  })

  return {
    port: (listener.addr as Deno.NetAddr).port,
    async stop() {
      listener.close()
      await accepting
      for (const client of [...clients]) await close(client)
    },
  }
}

function readInt32(buffer: Uint8Array, offset: number): number {
  return new DataView(buffer.buffer, buffer.byteOffset + offset, 4).getInt32(0)
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice()
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
