/**
 * The calls list at scale: 1,000 tenants and 1,000,000 calls (generated in SQL, with French and English
 * transcripts and summaries so search has real words to find), then, for one tenant, the list's own code
 * (`listCalls` of supabase/functions/calls/list.ts) run in a transaction as the function runs it:
 *
 *   first page      GET /calls
 *   deep page       GET /calls?cursor=… near the tenant's oldest call
 *   search          GET /calls?q=…   (a common word, and a rare one)
 *   filtered        GET /calls?from=…&to=…&success=true
 *
 * each as `authenticated` under RLS (claims set as _shared/db.ts sets them) and as the table owner (RLS
 * bypassed), p50/p95 over BENCH_CALLS_RUNS runs. Targets: page p95 ≤ 10 ms, RLS ≤ 1.2× owner, search p95
 * ≤ 50 ms; a missed target prints its query plan (EXPLAIN ANALYZE, BUFFERS). Printed, never asserted.
 *
 * Needs a real Postgres (DATABASE_URL: a fresh database is created there and dropped); without one it runs
 * a smoke of the same code on PGlite with 20,000 calls, and says so.
 */
import postgres from 'postgres'
import { migrate } from '../db/migrate.ts'
import { startPglite } from '../db/pglite.ts'
import type { Tx } from '../../supabase/functions/_shared/db.ts'
import { listCalls } from '../../supabase/functions/calls/list.ts'
import { ListCallsQuery } from '../../shared/contracts/calls.ts'

const RUNS = Number(Deno.env.get('BENCH_CALLS_RUNS') ?? 300)
const TARGETS = { pageP95: 10, rlsRatio: 1.2, searchP95: 50 }

interface Size {
  tenants: number
  perTenant: number
}

export async function benchCallsList(serverUrl: string | undefined): Promise<void> {
  const size: Size = serverUrl ? { tenants: 1000, perTenant: 1000 } : { tenants: 20, perTenant: 1000 }
  const db = serverUrl ? await createDatabase(serverUrl, size) : await pgliteDatabase()
  console.log(
    `\nCalls list — ${size.tenants} tenants × ${size.perTenant} calls, ${RUNS} runs each, on ${
      serverUrl ? 'Postgres (DATABASE_URL)' : 'PGlite (smoke run only: set DATABASE_URL for the real figures)'
    }`,
  )
  // Unnamed statements, as behind Supabase's transaction pooler (DB_PREPARE=false): a custom plan each time.
  const sql = postgres(db.url, { max: 1, prepare: !serverUrl, onnotice: () => {} })
  try {
    await migrate(db.url, { seed: false })
    const seeded = performance.now()
    const [{ calls }] = await sql<{ calls: number }[]>`select count(*)::int as calls from public.calls`
    if (calls === 0) await seed(sql, size)
    console.log(
      calls === 0
        ? `data generated in ${((performance.now() - seeded) / 1000).toFixed(0)} s\n`
        : `reusing the ${calls} calls of ${db.url.split('/').pop()} (BENCH_KEEP_DB)\n`,
    )
    await measureAll(sql, ...await measured(sql, size))
  } finally {
    await sql.end()
    await db.drop()
  }
}

/**
 * A database of its own on the server, dropped afterwards; with BENCH_KEEP_DB=1 one named after the size is
 * kept and reused (generating a million calls takes minutes), for runs that compare query or index changes.
 */
async function createDatabase(serverUrl: string, size: Size) {
  const keep = Boolean(Deno.env.get('BENCH_KEEP_DB'))
  const name = keep
    ? `switchboard_bench_calls_${size.tenants}x${size.perTenant}`
    : `switchboard_bench_${Date.now()}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`
  if (!exists) await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      if (keep) return
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} })
      await sql.unsafe(`drop database if exists ${name} with (force)`)
      await sql.end()
    },
  }
}

async function pgliteDatabase() {
  const server = await startPglite({ port: 0 })
  return { url: server.url, drop: () => server.stop() }
}

// Sentences a practice's calls are made of; each call takes a few, so words recur as they do in real calls.
const FRENCH = [
  'Bonjour, je voudrais prendre rendez-vous pour mardi matin.',
  'Le patient souhaite déplacer son rendez-vous de jeudi.',
  "Pouvez-vous me rappeler au sujet de l'ordonnance ?",
  'Ma voiture fait un bruit étrange au freinage depuis hier.',
  'Je souhaite annuler ma réservation de samedi soir.',
  'Le cabinet est-il ouvert pendant les vacances scolaires ?',
  'Il me faudrait un devis pour le remplacement des pneus.',
  'Mon fils a de la fièvre, est-ce urgent ?',
  'Je confirme le contrôle technique de vendredi à dix heures.',
  'Quels sont vos horaires le mercredi après-midi ?',
]
const ENGLISH = [
  'Hi, I would like to book an appointment for next Tuesday.',
  'The caller wants to reschedule the appointment on Thursday.',
  'Could someone call me back about my prescription?',
  'My car makes a strange noise when braking.',
  'I need to cancel my reservation for Saturday evening.',
  'Are you open during the school holidays?',
  'I would like a quote for replacing the tyres.',
  'The caller asked about the opening hours on Wednesday afternoon.',
  'Please confirm the inspection on Friday at ten.',
  'My son has a fever, is it urgent?',
]
// Rare on purpose: two calls of each tenant's thousand mention it.
const RARE = 'Le patient mentionne une allergie à la pénicilline.'

/**
 * Users and tenants through public.create_tenant (roles and memberships as the product makes them), then the
 * calls in one generate_series with the indexes dropped meanwhile and rebuilt after (as a bulk load does).
 */
async function seed(sql: postgres.Sql, size: Size): Promise<void> {
  await sql.unsafe(`
    do $$
    declare
      uid uuid;
    begin
      for i in 1..${size.tenants} loop
        insert into auth.users (email) values ('bench-' || i || '@bench.local') returning id into uid;
        perform set_config('request.jwt.claims', json_build_object('sub', uid, 'role', 'authenticated')::text, true);
        perform public.create_tenant('Bench ' || i, 'bench-' || i, 'FR', 'fr', 'Europe/Paris', 'doctor');
      end loop;
    end
    $$`)
  const indexes = await sql<{ name: string; definition: string }[]>`
    select indexname as name, indexdef as definition from pg_indexes
    where schemaname = 'public' and tablename = 'calls' and indexname not like '%pkey' and indexname not like '%key'`
  // No realtime broadcast for a million historical rows.
  await sql`alter table public.calls disable trigger broadcast_call`
  for (const index of indexes) await sql.unsafe(`drop index public.${index.name}`)
  const total = size.tenants * size.perTenant
  // n numbers the calls, k is a call's rank within its tenant (tenants take turns): k picks the language
  // and the sentences, so every tenant gets both languages and the same mix.
  await sql`
    with tenants as (select array_agg(id order by name) as ids from public.tenants),
    fr as (select ${FRENCH}::text[] as s), en as (select ${ENGLISH}::text[] as s)
    insert into public.calls (tenant_id, vapi_call_id, status, direction, from_number, to_number, started_at,
      ended_at, duration_s, cost, ended_reason, summary, success_evaluation, transcript, recording_state)
    select t.ids[1 + n % ${size.tenants}], 'bench-' || n,
      case when k % 500 = 0 then 'in-progress' else 'ended' end, 'inbound',
      '+336' || lpad((n % 99991)::text, 8, '0'), '+33170000000',
      -- Spread over about a year, newest first as n grows smaller.
      now() - (n * interval '31 seconds'),
      now() - (n * interval '31 seconds') + ((30 + n % 400) * interval '1 second'),
      30 + n % 400, round(((30 + n % 400) * 0.0012)::numeric, 4),
      (array['customer-ended-call', 'assistant-ended-call', 'customer-did-not-answer', 'customer-busy',
        'silence-timed-out', 'voicemail'])[1 + k % 6],
      case when k % 2 = 0 then fr.s[1 + k % 10] else en.s[1 + k % 10] end,
      (array['true', 'false', null])[1 + k % 3],
      case when k % 2 = 0
        then 'AI: Cabinet Martin, bonjour. User: ' || fr.s[1 + k % 10] || ' AI: ' || fr.s[1 + (k / 7) % 10] ||
          ' User: ' || fr.s[1 + (k / 13) % 10] || case when k % 500 = 250 then ' ' || ${RARE} else '' end
        else 'AI: Martin practice, hello. User: ' || en.s[1 + k % 10] || ' AI: ' || en.s[1 + (k / 7) % 10] ||
          ' User: ' || en.s[1 + (k / 13) % 10]
      end,
      case when k % 3 = 0 then 'stored' else 'none' end
    from generate_series(1, ${total}) as n, lateral (select n / ${size.tenants} as k) r, tenants t, fr, en`
  for (const index of indexes) await sql.unsafe(index.definition)
  await sql`alter table public.calls enable trigger broadcast_call`
  await sql`vacuum analyze public.calls`
}

/** The tenant measured: the middle one, its owner acting. */
async function measured(sql: postgres.Sql, size: Size): Promise<[string, string]> {
  const [row] = await sql<{ tenant: string; user: string }[]>`
    select t.id as tenant, t.created_by as user from public.tenants t order by t.name offset ${
    Math.floor(size.tenants / 2)
  } limit 1`
  return [row.tenant, row.user]
}

type Query = Partial<ListCallsQuery>

/** One run of the list's own code in a transaction, as `authenticated` (claims like db.ts) or as the owner. */
async function timed(sql: postgres.Sql, as: 'user' | 'owner', tenant: string, user: string, query: Query) {
  return await sql.begin(async (tx) => {
    if (as === 'user') {
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${
        JSON.stringify({ sub: user, role: 'authenticated' })
      }, true)`
    }
    const t0 = performance.now()
    const page = await listCalls(tx as unknown as Tx, tenant, ListCallsQuery.parse(query))
    return { ms: performance.now() - t0, page }
  })
}

interface Figures {
  p50: number
  p95: number
}

/**
 * RLS and owner runs alternate, so whatever else the machine does at a moment weighs on both alike; each
 * side is warmed first (plan caches, buffers): the figures are the steady state.
 */
async function runs(sql: postgres.Sql, tenant: string, user: string, query: Query) {
  for (let i = 0; i < 20; i++) {
    await timed(sql, 'user', tenant, user, query)
    await timed(sql, 'owner', tenant, user, query)
  }
  const rls: number[] = []
  const owner: number[] = []
  for (let i = 0; i < RUNS; i++) {
    rls.push((await timed(sql, 'user', tenant, user, query)).ms)
    owner.push((await timed(sql, 'owner', tenant, user, query)).ms)
  }
  return { rls: figures(rls), owner: figures(owner) }
}

function figures(ms: number[]): Figures {
  ms.sort((a, b) => a - b)
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))]
  return { p50: pct(0.5), p95: pct(0.95) }
}

async function measureAll(sql: postgres.Sql, tenant: string, user: string) {
  // The cursor of a page near the tenant's oldest calls, reached by paging as a client would.
  let cursor: string | undefined
  for (let i = 0; i < 9; i++) {
    const { page } = await timed(sql, 'user', tenant, user, { limit: 100, cursor })
    cursor = page.next_cursor ?? cursor
  }
  const [{ from, to }] = await sql<{ from: string; to: string }[]>`
    select ((now() - interval '120 days') at time zone 'Europe/Paris')::date::text as from,
      ((now() - interval '60 days') at time zone 'Europe/Paris')::date::text as to`
  // The RLS ratio is a target of the pages; a search's owner plan may differ (see docs/calls.md).
  const scenarios: { name: string; query: Query; target: number; ratio: boolean }[] = [
    { name: 'first page', query: {}, target: TARGETS.pageP95, ratio: true },
    { name: 'deep page', query: { cursor }, target: TARGETS.pageP95, ratio: true },
    { name: 'filtered page', query: { from, to, success: 'true' }, target: TARGETS.pageP95, ratio: true },
    { name: 'search (common)', query: { q: 'rendez-vous' }, target: TARGETS.searchP95, ratio: false },
    { name: 'search (rare)', query: { q: 'pénicilline' }, target: TARGETS.searchP95, ratio: false },
    { name: 'search (English)', query: { q: 'appointments' }, target: TARGETS.searchP95, ratio: false },
  ]
  console.log('scenario             RLS p50   RLS p95   owner p50  owner p95   RLS/owner p50  p95   target')
  for (const { name, query, target, ratio } of scenarios) {
    const { rls, owner } = await runs(sql, tenant, user, query)
    const ratios = [rls.p50 / owner.p50, rls.p95 / owner.p95]
    const ok = rls.p95 <= target && (!ratio || ratios[0] <= TARGETS.rlsRatio)
    console.log(
      `${name.padEnd(18)} ${ms(rls.p50)} ${ms(rls.p95)}  ${ms(owner.p50)}  ${ms(owner.p95)}   ${
        ratios.map((r) => `${r.toFixed(2)}×`).join('  ').padStart(14)
      }   p95 ≤ ${target} ms${ratio ? `, RLS ≤ ${TARGETS.rlsRatio}× (p50)` : ''}: ${ok ? 'met' : 'MISSED'}`,
    )
    if (!ok || Deno.env.get('BENCH_EXPLAIN')) await explain(sql, tenant, user, query)
  }
}

const ms = (value: number) => `${value.toFixed(2).padStart(6)} ms`

/** The plan of the list's query as the user runs it, captured from the statement listCalls sends. */
async function explain(sql: postgres.Sql, tenant: string, user: string, query: Query) {
  await sql.begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${
      JSON.stringify({ sub: user, role: 'authenticated' })
    }, true)`
    // A proxy that prefixes EXPLAIN to the list's select (not to the time zone lookup before it).
    const explaining = new Proxy(tx, {
      apply(target, self, args: [TemplateStringsArray, ...unknown[]]) {
        const [strings, ...values] = args
        if (
          !strings?.raw || !strings[0].trimStart().startsWith('select') || !strings.join('').includes('limit')
        ) {
          return Reflect.apply(target, self, args)
        }
        const prefixed = Object.assign(['explain (analyze, buffers) ' + strings[0], ...strings.slice(1)], {
          raw: ['explain (analyze, buffers) ' + strings.raw[0], ...strings.raw.slice(1)],
        })
        return Reflect.apply(target, self, [prefixed, ...values]).then((rows: { 'QUERY PLAN': string }[]) => {
          console.log(rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n'))
          return []
        })
      },
    })
    await listCalls(explaining as unknown as Tx, tenant, ListCallsQuery.parse(query))
  })
}

if (import.meta.main) await benchCallsList(Deno.env.get('DATABASE_URL'))
