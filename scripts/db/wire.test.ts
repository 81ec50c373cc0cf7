import assert from 'node:assert/strict'
import postgres from 'postgres'
import { startPglite } from './pglite.ts'

Deno.test("wire: many clients mixing plain queries and transactions never see each other's portals", async () => {
  const server = await startPglite({ port: 0 })
  const a = postgres(server.url, { prepare: true, max: 8, onnotice: () => {} })
  const b = postgres(server.url, { prepare: true, max: 4, onnotice: () => {} })
  try {
    await a`create table hits (n int)`
    const errors: string[] = []
    await Promise.all(Array.from({ length: 400 }, async (_, i) => {
      const sql = i % 3 ? a : b
      try {
        if (i % 2) {
          // Unnamed statements with parameters: postgres.js describes them first (Parse/Describe/Flush), then
          // binds after reading the types, so each exchange spans two round trips on the shared backend.
          const [row] = i % 4 === 1
            ? await sql.unsafe('select $1::int as n', [i])
            : await sql.unsafe('select $1::int as n, $2::text as a, $3::text as b', [i, 'a', 'b'])
          assert.equal(row.n, i)
        } else {
          await sql.begin(async (tx) => {
            await tx`insert into hits values (${i})`
            await new Promise((r) => setTimeout(r, i % 3))
            const [row] = await tx`select count(*)::int as c from hits where n = ${i}`
            assert.equal(row.c, 1)
          })
        }
      } catch (error) {
        errors.push((error as Error).message)
      }
    }))
    assert.deepEqual(errors, [])
    const [{ c }] = await a`select count(*)::int as c from hits`
    assert.equal(c, 200)
  } finally {
    await a.end()
    await b.end()
    await server.stop()
  }
})

Deno.test('wire: a client that disconnects inside a transaction is rolled back and unblocks the others', async () => {
  const server = await startPglite({ port: 0 })
  const sql = postgres(server.url, { prepare: true, max: 2, onnotice: () => {} })
  const dying = postgres(server.url, { prepare: true, max: 1, onnotice: () => {} })
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await sql`create table t (id int)`
    const abandoned = dying.begin(async (tx) => {
      await tx`insert into t values (-1)`
      await new Promise((r) => timer = setTimeout(r, 10_000))
    }).catch(() => 'closed')
    await new Promise((r) => setTimeout(r, 100))
    await dying.end({ timeout: 0 })
    const [{ n }] = await sql`select count(*)::int as n from t`
    assert.equal(n, 0, 'the abandoned insert was rolled back')
    clearTimeout(timer)
    assert.equal(await abandoned, 'closed')
  } finally {
    clearTimeout(timer)
    await sql.end()
    await server.stop()
  }
})

Deno.test('wire: a stack overflow in the backend is an error, and the database keeps serving', async () => {
  const server = await startPglite({ port: 0 })
  const sql = postgres(server.url, { prepare: true, max: 1, onnotice: () => {} })
  const deep = '['.repeat(100_000)
  const overflows = (error: { code?: string }) => error.code === '54001'
  const dividesByZero = (error: { code?: string }) => error.code === '22012'
  try {
    await sql`create table docs (body jsonb)`
    for (const cast of ['json', 'jsonb']) {
      // Parsed while binding: no PG_TRY between the overflow and the protocol loop.
      await assert.rejects(
        sql.unsafe(`select $1::text::${cast}`, [deep]),
        overflows,
        `${cast}: not an empty result`,
      )
      // A failing query after the overflow used to loop forever in the backend, freezing the process.
      await assert.rejects(sql`select 1 / 0`, dividesByZero)
    }

    // Parsed while executing (a generic plan, after five runs of the statement): inside PortalRun's PG_TRY,
    // whose PG_CATCH must run or the portal stays active and every later statement fails.
    const insert = (body: string) => sql`insert into docs values (${body}::text::jsonb)`
    for (let i = 0; i < 6; i++) await insert('{"kept": true}')
    await assert.rejects(insert(deep), overflows)
    await insert('{"kept": true}')

    await sql`create function forever(n int) returns int language plpgsql as $$ begin return forever(n + 1); end $$`
    await assert.rejects(sql`select forever(0)`, overflows)
    await assert.rejects(sql`select 1 / 0`, dividesByZero)

    await assert.rejects(
      sql.begin(async (tx) => {
        await tx`insert into docs values ('{"kept": false}')`
        await tx.unsafe('insert into docs values ($1::text::jsonb)', [deep])
      }),
      overflows,
    )
    const [{ kept, lost }] = await sql`
      select count(*) filter (where body = '{"kept": true}')::int as kept, count(*) filter (where body = '{"kept": false}')::int as lost
      from docs`
    assert.deepEqual({ kept, lost }, { kept: 7, lost: 0 }, 'the failed transaction rolled back')
  } finally {
    await sql.end()
    await server.stop()
  }
})
