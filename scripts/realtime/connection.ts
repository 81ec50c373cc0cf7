/**
 * One client's WebSocket: its channels and the Phoenix events realtime-js sends on them. Frames are
 * handled one after the other (a join's authorization awaits the database), so replies keep their order.
 *
 * Served: `heartbeat` on `phoenix`; `phx_join` (Broadcast; private channels authorized by RLS), whose reply
 * carries `postgres_changes: []` as realtime-js expects; `phx_leave`; `access_token` (the token is verified
 * and a private channel authorized again, else the channel is shut down with a `system` error and
 * `phx_close`, as Supabase does). Messages of `realtime.messages` reach the channels joined on their topic
 * with the same privacy. Not served: Postgres Changes (the join is refused), Presence and broadcasts sent
 * by clients (answered with an error): the product only listens to Broadcast from Database.
 */
import type postgres from 'postgres'
import { canRead, type Claims, Refusal, type VerifyJwt, verifyToken } from './authorize.ts'
import type { Message, MessageFeed } from './feed.ts'
import { decode, encode, type Frame, isObject, type Vsn } from './protocol.ts'

export interface ConnectionContext {
  sql: postgres.Sql
  verifyJwt: VerifyJwt
  feed: MessageFeed
  log(line: string): void
  idleTimeoutMs: number
}

interface Channel {
  /** `realtime:<name>`, as realtime-js names it. */
  topic: string
  /** `<name>`: the topic of realtime.messages, realtime.topic() and realtime.send. */
  name: string
  joinRef: string | null
  private: boolean
  token: string
  claims: Claims
}

const TOPIC_PREFIX = 'realtime:'
// Joins, heartbeats and tokens are small; this bounds what one frame can make the server parse.
const MAX_FRAME_CHARS = 1024 * 1024
// How long stop() waits for a client to answer the closing handshake.
const CLOSE_WAIT_MS = 1000
const NOT_SERVED = 'the local Realtime server serves Broadcast from Database only'

export class Connection {
  readonly channels = new Map<string, Channel>()
  /** Resolves once the socket is closed. */
  readonly closed: Promise<void>
  #queue = Promise.resolve()
  #idle: ReturnType<typeof setTimeout> | undefined
  #open = true

  constructor(
    private readonly socket: WebSocket,
    private readonly vsn: Vsn,
    /** The `apikey` the socket connected with: the token of joins that bring none. */
    private readonly socketToken: string,
    private readonly context: ConnectionContext,
  ) {
    socket.binaryType = 'arraybuffer'
    socket.onmessage = (event) => this.#receive(event.data)
    this.closed = new Promise((resolve) => {
      socket.onclose = () => {
        this.#open = false
        clearTimeout(this.#idle)
        this.channels.clear()
        resolve()
      }
    })
    this.#touch()
  }

  /** Sends a message of realtime.messages to the channels joined on its topic with the same privacy. */
  deliver(message: Message) {
    for (const channel of this.channels.values()) {
      if (channel.name !== message.topic || channel.private !== message.private) continue
      if (this.#expired(channel)) continue
      this.#send(null, null, channel.topic, 'broadcast', {
        type: 'broadcast',
        event: message.event,
        payload: message.payload,
        meta: { id: String(message.id) },
      })
    }
  }

  /** Closes the socket and waits (briefly) for the client to answer, and for the frame being handled. */
  async close(code: number, reason: string): Promise<void> {
    this.socket.close(code, reason)
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([this.closed, new Promise((resolve) => timer = setTimeout(resolve, CLOSE_WAIT_MS))])
    clearTimeout(timer)
    await this.#queue
  }

  #receive(data: string | ArrayBuffer) {
    this.#touch()
    const size = typeof data === 'string' ? data.length : data.byteLength
    if (size > MAX_FRAME_CHARS) return this.socket.close(1009, 'message too big')
    const frame = decode(this.vsn, data)
    if (!frame) return this.socket.close(1003, 'invalid message')
    this.#queue = this.#queue.then(() => this.#handle(frame)).catch((error) => {
      this.context.log(`realtime: ${frame.event} on ${frame.topic} failed: ${error?.message ?? error}`)
    })
  }

  // Phoenix's transport timeout: a client that stopped heartbeating is gone.
  #touch() {
    clearTimeout(this.#idle)
    if (this.#open) this.#idle = setTimeout(() => this.socket.close(1000, 'idle'), this.context.idleTimeoutMs)
  }

  async #handle(frame: Frame) {
    if (frame.topic === 'phoenix' && frame.event === 'heartbeat') {
      for (const channel of this.channels.values()) this.#expired(channel)
      return this.#reply(frame, 'ok', {})
    }
    if (frame.event === 'phx_join') return await this.#join(frame)
    const channel = this.channels.get(frame.topic)
    if (!channel) return this.#reply(frame, 'error', { reason: 'unmatched topic' })
    switch (frame.event) {
      case 'phx_leave':
        this.channels.delete(channel.topic)
        return this.#reply(frame, 'ok', {})
      case 'access_token':
        return await this.#updateToken(channel, frame)
      case 'broadcast':
      case 'presence':
        return this.#reply(frame, 'error', { reason: `${frame.event} from clients: ${NOT_SERVED}` })
    }
    // Anything else is ignored, as Supabase Realtime does.
  }

  async #join(frame: Frame) {
    const { topic, payload } = frame
    if (!topic.startsWith(TOPIC_PREFIX)) return this.#reply(frame, 'error', { reason: 'unmatched topic' })
    // A second join of a topic on one socket replaces the first, as in Phoenix.
    const previous = this.channels.get(topic)
    if (previous) this.#close(previous)
    const name = topic.slice(TOPIC_PREFIX.length)
    const config = isObject(payload.config) ? payload.config : {}
    const isPrivate = config.private === true
    const token = typeof payload.access_token === 'string' ? payload.access_token : this.socketToken
    try {
      if (!name) throw new Refusal('TopicNameRequired: You must provide a topic name')
      if (Array.isArray(config.postgres_changes) && config.postgres_changes.length > 0) {
        throw new Refusal(`PostgresChangesUnsupported: ${NOT_SERVED}`)
      }
      const claims = await verifyToken(this.context.verifyJwt, token)
      if (isPrivate && !(await canRead(this.context.sql, name, claims, this.context.log))) {
        throw new Refusal(
          `Unauthorized: You do not have permissions to read from this Channel topic: ${name}`,
        )
      }
      await this.context.feed.start().catch(() => {
        throw new Refusal('UnableToConnectToProject: Realtime was unable to connect to the project database')
      })
      // Registered in the same turn as start() resolved: no poll runs in between (see feed.ts).
      if (!this.#open) return
      this.channels.set(topic, { topic, name, joinRef: frame.joinRef, private: isPrivate, token, claims })
      this.#reply(frame, 'ok', { postgres_changes: [] })
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
      this.#reply(frame, 'error', { reason: error.message })
    }
  }

  async #updateToken(channel: Channel, frame: Frame) {
    const token = frame.payload.access_token
    // realtime-js expects no reply; one lets it clear the push's timeout instead of waiting it out.
    if (typeof token !== 'string' || token === channel.token) return this.#reply(frame, 'ok', {})
    try {
      const claims = await verifyToken(this.context.verifyJwt, token)
      if (channel.private && !(await canRead(this.context.sql, channel.name, claims, this.context.log))) {
        throw new Refusal(`You no longer have permission to read from this Channel topic: ${channel.name}`)
      }
      Object.assign(channel, { token, claims })
      this.#reply(frame, 'ok', {})
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
      this.#reply(frame, 'error', { reason: error.message })
      this.#shutDown(channel, error.message)
    }
  }

  /** A channel whose token has expired is shut down, as Supabase does when the token runs out. */
  #expired(channel: Channel): boolean {
    const ago = Math.floor(Date.now() / 1000) - channel.claims.exp
    if (ago < 0) return false
    this.#shutDown(channel, `InvalidJWTToken: Token has expired ${ago} seconds ago`)
    return true
  }

  #shutDown(channel: Channel, message: string) {
    this.#send(channel.joinRef, null, channel.topic, 'system', {
      extension: 'system',
      status: 'error',
      message,
      channel: channel.name,
    })
    this.#close(channel)
  }

  #close(channel: Channel) {
    this.channels.delete(channel.topic)
    this.#send(channel.joinRef, channel.joinRef, channel.topic, 'phx_close', {})
  }

  #reply(frame: Frame, status: 'ok' | 'error', response: Record<string, unknown>) {
    this.#send(frame.joinRef, frame.ref, frame.topic, 'phx_reply', { status, response })
  }

  #send(joinRef: string | null, ref: string | null, topic: string, event: string, payload: Frame['payload']) {
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(encode(this.vsn, { joinRef, ref, topic, event, payload }))
    }
  }
}
