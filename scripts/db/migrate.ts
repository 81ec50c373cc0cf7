/**
 * Brings a database to the current schema: the Supabase bootstrap (plain Postgres only), then every
 * migration not applied yet (tracked in supabase_migrations.schema_migrations, the table the Supabase
 * CLI uses), then seed.sql once.
 */
import postgres from 'postgres'

const root = new URL('../../', import.meta.url)
const MIGRATIONS = new URL('supabase/migrations/', root)

export interface MigrateResult {
  bootstrapped: boolean
  applied: string[]
  seeded: boolean
}

export async function migrate(
  url: string,
  options: { seed: boolean; prepare?: boolean },
): Promise<MigrateResult> {
  const sql = postgres(url, { max: 1, prepare: options.prepare ?? true, onnotice: () => {} })
  try {
    const result: MigrateResult = { bootstrapped: false, applied: [], seeded: false }
    const [{ supabase }] = await sql<
      { supabase: boolean }[]
    >`select to_regclass('auth.users') is not null as supabase`
    if (!supabase) {
      await sql.unsafe(await Deno.readTextFile(new URL('scripts/db/bootstrap.sql', root)))
      result.bootstrapped = true
    }
    // Separate from the bootstrap so a database bootstrapped before it existed gains it too.
    const [{ realtime }] = await sql<
      { realtime: boolean }[]
    >`select to_regclass('realtime.messages') is not null as realtime`
    if (!realtime) await sql.unsafe(await Deno.readTextFile(new URL('scripts/db/realtime.sql', root)))
    await sql.unsafe(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, name text, statements text[]);
      create table if not exists supabase_migrations.seed_files (path text primary key, hash text not null);
    `)
    const done = new Set(
      (await sql<{ version: string }[]>`select version from supabase_migrations.schema_migrations`).map((r) =>
        r.version
      ),
    )
    for (const file of await migrationFiles()) {
      const [version, ...rest] = file.replace(/\.sql$/, '').split('_')
      if (done.has(version)) continue
      const text = await Deno.readTextFile(new URL(file, MIGRATIONS))
      await sql.begin(async (tx) => {
        await tx.unsafe(text)
        await tx`insert into supabase_migrations.schema_migrations (version, name) values (${version}, ${
          rest.join('_')
        })`
      })
      result.applied.push(file)
    }
    if (options.seed) {
      const seeded = await sql`select 1 from supabase_migrations.seed_files where path = 'supabase/seed.sql'`
      if (seeded.length === 0) {
        const text = await Deno.readTextFile(new URL('supabase/seed.sql', root))
        await sql.begin(async (tx) => {
          await tx.unsafe(text)
          await tx`insert into supabase_migrations.seed_files (path, hash) values ('supabase/seed.sql', ${
            String(text.length)
          })`
        })
        result.seeded = true
      }
    }
    return result
  } finally {
    await sql.end()
  }
}

async function migrationFiles(): Promise<string[]> {
  const files: string[] = []
  for await (const entry of Deno.readDir(MIGRATIONS)) {
    if (entry.isFile && /^\d{14}_.+\.sql$/.test(entry.name)) files.push(entry.name)
  }
  return files.sort()
}
