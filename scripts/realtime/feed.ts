/**
 * The new rows of `realtime.messages`, read by polling (one small query every `intervalMs`) while anybody
 * listens: LISTEN/NOTIFY would need every writer to notify, and PGlite's single backend is shared by all
 * connections. Old rows are pruned as the feed goes, so the table stays small.
 */
import type postgres from 'postgres'
import { IdCursor } from './cursor.ts'

export interface Message {
  id: number
  topic: string
  event: string | null
  payload: unknown
  private: boolean
}

export interface FeedOptions {
  sql: postgres.Sql
  intervalMs: number
  /** Whether any channel is joined: polling stops when none is, and `start()` resumes it. */
  listening(): boolean
  deliver(message: Message): void
  log(line: string): void
}

// How long a transaction may hold an id before its message is given up (see cursor.ts).
const HOLE_MS = 10_000
// Messages are for whoever listens now (nothing is replayed), so a few minutes is plenty.
const KEEP = '5 minutes'
const PRUNE_EVERY_MS = 60_000
const BATCH = 500

interface Row extends Message {
  extension: string
}

export class MessageFeed {
  #cursor: IdCursor | undefined
  #started: Promise<void> | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #polling: Promise<void> | undefined
  #stopped = false
  #prunedAt = 0
  #failing = false

  constructor(private readonly options: FeedOptions) {}

  /**
   * Starts polling from the newest row if it is not running. Once it resolves, every message committed
   * afterwards will be delivered: a join registers its channel right after, before the next poll can run.
   */
  start(): Promise<void> {
    this.#started ??= (async () => {
      const [{ max }] = await this.options.sql<{ max: string }[]>`
        select coalesce(max(id), 0)::text as max from realtime.messages`
      this.#cursor = new IdCursor(Number(max), HOLE_MS)
      this.#schedule()
    })()
    this.#started.catch(() => this.#started = undefined)
    return this.#started
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#started?.catch(() => {})
    await this.#polling
  }

  #schedule() {
    if (!this.#stopped) this.#timer = setTimeout(() => this.#tick(), this.options.intervalMs)
  }

  async #tick() {
    if (!this.options.listening()) {
      this.#started = undefined
      return
    }
    this.#polling = this.#poll()
    await this.#polling
    this.#polling = undefined
    this.#schedule()
  }

  async #poll() {
    const { sql, deliver, log } = this.options
    const cursor = this.#cursor!
    try {
      const rows = await sql<Row[]>`
        select id::float8 as id, topic, event, payload, private, extension from realtime.messages
        where id > ${cursor.settled} order by id limit ${BATCH}`
      for (const row of cursor.fresh(rows, Date.now())) {
        if (row.extension === 'broadcast') deliver(row)
      }
      if (Date.now() - this.#prunedAt >= PRUNE_EVERY_MS) {
        await sql`delete from realtime.messages where inserted_at < now() - ${KEEP}::interval`
        this.#prunedAt = Date.now()
      }
      this.#failing = false
    } catch (error) {
      // Once per outage, not ten times a second.
      if (!this.#failing) log(`realtime: reading realtime.messages failed: ${(error as Error).message}`)
      this.#failing = true
    }
  }
}
