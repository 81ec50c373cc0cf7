/**
 * `npm run bench`: figures for the request path on this machine, printed, never asserted.
 * A throw-away stack (PGlite in memory, or DATABASE_URL) serves real HTTP on loopback; one user owns one tenant.
 *
 *   sign-in            POST /auth/v1/token?grant_type=password (bcrypt cost 10 dominates)
 *   tenants list       GET /functions/v1/tenants: JWT check (JWKS) + one RLS transaction
 *   settings read      GET /functions/v1/settings/vapi: JWT + permission check + RLS read of credentials
 *   settings save      POST /functions/v1/settings/vapi: validation call to the Vapi sandbox, seal, upsert, audit
 *
 * Then the calls list at a million calls (calls-list.ts: on DATABASE_URL's Postgres, a PGlite smoke without it;
 * BENCH_CALLS=0 skips it), and the SPA's bundle: each chunk's weight and the JS loaded before the sign-in page
 * (bundle.ts).
 */
import { startStack } from '../stack.ts'
import { measureBundle, printBundleReport } from './bundle.ts'
import { benchCallsList } from './calls-list.ts'

const ROUNDS = Number(Deno.env.get('BENCH_ROUNDS') ?? 300)
const CONCURRENCY = Number(Deno.env.get('BENCH_CONCURRENCY') ?? 8)

const stack = await startStack({
  databaseUrl: Deno.env.get('DATABASE_URL'),
  seed: false,
  spa: false,
  log: false,
})
try {
  const base = { apikey: stack.anonKey, 'content-type': 'application/json' }
  const email = `bench-${crypto.randomUUID()}@bench.local`
  const password = 'bench-password-123'
  const signUp = await post('/auth/v1/signup', base, { email, password })
  const token: string = signUp.access_token
  const user = { ...base, authorization: `Bearer ${token}` }
  const tenant = await post('/functions/v1/tenants', user, {
    name: 'Bench Garage',
    country: 'FR',
    language: 'fr',
    timezone: 'Europe/Paris',
    profession: 'garage',
  })
  const scoped = { ...user, 'x-tenant-id': tenant.id }
  await post('/functions/v1/settings/vapi', scoped, { vapi_api_key: 'sk_bench_0123456789abcdef' })

  console.log(`Switchboard request path — ${ROUNDS} requests each, ${CONCURRENCY} in flight`)
  console.log(`database: ${Deno.env.get('DATABASE_URL') ? 'Postgres (DATABASE_URL)' : 'PGlite'}\n`)
  console.log('scenario              req/s      p50 ms   p95 ms   p99 ms')
  await measure(
    'sign-in',
    Math.min(ROUNDS, 60),
    () =>
      fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
        method: 'POST',
        headers: base,
        body: JSON.stringify({ email, password }),
      }),
  )
  await measure(
    'tenants list',
    ROUNDS,
    () => fetch(`${stack.apiUrl}/functions/v1/tenants`, { headers: user }),
  )
  await measure(
    'settings read',
    ROUNDS,
    () => fetch(`${stack.apiUrl}/functions/v1/settings/vapi`, { headers: scoped }),
  )
  await measure(
    'settings save',
    Math.min(ROUNDS, 100),
    () =>
      fetch(`${stack.apiUrl}/functions/v1/settings/vapi`, {
        method: 'POST',
        headers: scoped,
        body: JSON.stringify({ vapi_api_key: `sk_bench_${crypto.randomUUID()}` }),
      }),
  )
  const rss = Deno.memoryUsage().rss / 1024 / 1024
  console.log(
    `\nstack process RSS after the run: ${rss.toFixed(0)} MiB (database, auth, gateway, functions, sandbox)`,
  )
} finally {
  await stack.stop()
}

if (Deno.env.get('BENCH_CALLS') !== '0') await benchCallsList(Deno.env.get('DATABASE_URL'))

console.log('\nSPA bundle (npm run build -w web)\n')
printBundleReport(await measureBundle())

async function post(path: string, headers: Record<string, string>, body: unknown) {
  const res = await fetch(`${stack.apiUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
  const json = await res.json()
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${json.code ?? json.error_code}`)
  return json
}

async function measure(name: string, rounds: number, send: () => Promise<Response>) {
  const latencies: number[] = []
  let next = 0
  let failures = 0
  const started = performance.now()
  const worker = async () => {
    while (next < rounds) {
      next++
      const t0 = performance.now()
      const res = await send()
      await res.body?.cancel()
      if (!res.ok) failures++
      latencies.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]
  console.log(
    `${name.padEnd(20)} ${(rounds / seconds).toFixed(0).padStart(6)}   ${pct(0.5).toFixed(1).padStart(7)}  ${
      pct(0.95).toFixed(1).padStart(7)
    }  ${pct(0.99).toFixed(1).padStart(7)}${failures ? `   (${failures} failed)` : ''}`,
  )
}
