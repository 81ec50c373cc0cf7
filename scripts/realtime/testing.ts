/**
 * Helpers for the Realtime tests, which run against the stack `npm test` starts (SUPABASE_DB_URL,
 * DB_PREPARE, SUPABASE_URL, SUPABASE_ANON_KEY). Test code only.
 */
import postgres from 'postgres'

export function testSql(): postgres.Sql {
  const url = Deno.env.get('SUPABASE_DB_URL')
  if (!url) throw new Error('SUPABASE_DB_URL is required by the tests (npm test provides it)')
  return postgres(url, { max: 2, prepare: Deno.env.get('DB_PREPARE') === 'true', onnotice: () => {} })
}

export interface OwnTopics {
  /** Topics `<prefix>:<user id>:<anything>` are readable by that user only. */
  prefix: string
  drop(): Promise<void>
}

/**
 * A policy of the test's own on realtime.messages, under a prefix no other test or product topic uses, so
 * tests sharing the database never see each other's topics. Dropped by `drop()`.
 */
export async function ownTopicsPolicy(sql: postgres.Sql): Promise<OwnTopics> {
  const prefix = `rt${crypto.randomUUID().slice(0, 8)}`
  const policy = `${prefix}_own_topics`
  await sql.unsafe(`
    create policy ${policy} on realtime.messages for select to authenticated
      using (extension = 'broadcast'
        and (select realtime.topic()) like '${prefix}:' || (select auth.uid())::text || ':%')`)
  return {
    prefix,
    drop: async () => {
      await sql.unsafe(`drop policy if exists ${policy} on realtime.messages`)
    },
  }
}

/** realtime.send as a webhook or a trigger calls it: as service_role, in a transaction of its own. */
export async function send(
  sql: postgres.Sql,
  topic: string,
  event: string,
  payload: postgres.JSONValue,
  isPrivate = true,
): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local role service_role`
    await tx`select realtime.send(${tx.json(payload)}, ${event}, ${topic}, ${isPrivate})`
  })
}

/** Polls `check` until it returns something other than undefined or false. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
