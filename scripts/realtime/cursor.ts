/**
 * Which rows of `realtime.messages` are new, following its identity column. Ids are handed out when a row
 * is inserted but become visible when its transaction commits, so a lower id can appear after a higher one
 * (a long transaction whose trigger called realtime.send), and some never appear (rolled back). The rows
 * above the cursor that were already delivered are remembered; a hole below them is waited for up to
 * `holeMs` before it is given up. Every row is thus delivered once, in commit order.
 */
export class IdCursor {
  #settled: number
  #delivered = new Set<number>()
  #holeSince: number | undefined

  /** `start`: the highest id already seen (nothing up to it is delivered). */
  constructor(start: number, private readonly holeMs: number) {
    this.#settled = start
  }

  /** Every id up to this one was delivered or given up: poll the rows above it. */
  get settled(): number {
    return this.#settled
  }

  /** The rows of a poll (ids above `settled`) not delivered yet, which are now counted as delivered. */
  fresh<T extends { id: number }>(rows: T[], now: number): T[] {
    const fresh = rows.filter((row) => row.id > this.#settled && !this.#delivered.has(row.id))
    for (const row of fresh) this.#delivered.add(row.id)
    this.#advance()
    if (this.#delivered.size === 0) {
      this.#holeSince = undefined
    } else if (this.#holeSince === undefined) {
      this.#holeSince = now
    } else if (now - this.#holeSince >= this.holeMs) {
      // Every id of the hole was handed out before the lowest delivered row was inserted, long enough ago.
      this.#settled = Math.min(...this.#delivered) - 1
      this.#advance()
      this.#holeSince = this.#delivered.size ? now : undefined
    }
    return fresh
  }

  #advance() {
    while (this.#delivered.delete(this.#settled + 1)) this.#settled++
  }
}
