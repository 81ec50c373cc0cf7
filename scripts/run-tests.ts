/**
 * `npm test`: every test against one real stack (database, auth, functions gateway, provider sandbox, SPA),
 * on PGlite by default or on the Postgres server named by DATABASE_URL (a fresh database is created there
 * and dropped afterwards). Ends with the line `N passed, N failed`.
 *
 *   npm test                      everything
 *   npm test -- deno pgtap        only some suites (deno, pgtap, vitest, e2e, static)
 *   npm test -- deno supabase/functions/assistants   the Deno tests under some paths only
 */
import postgres from 'postgres'
import { TEST_RATE_LIMITS } from './auth/rate-limit.ts'
import { startStack } from './stack.ts'
import { runPgtap } from './db/pgtap.ts'

interface Outcome {
  suite: string
  passed: number
  failed: number
}

const root = new URL('../', import.meta.url).pathname
const deno = `${root}node_modules/.bin/deno`
const resultsDir = `${root}.test-results`
const SUITES = ['static', 'pgtap', 'deno', 'vitest', 'e2e'] as const
// Arguments that are paths narrow the Deno suite to them.
const paths = Deno.args.filter((a) => a.includes('/') || a.endsWith('.ts'))
const suiteArgs = Deno.args.filter((a) => !paths.includes(a))
const wanted = suiteArgs.length ? suiteArgs : paths.length ? ['deno'] : [...SUITES]
for (const s of wanted) {
  if (!(SUITES as readonly string[]).includes(s)) {
    console.error(`Unknown suite "${s}"; choose from ${SUITES.join(', ')}`)
    Deno.exit(2)
  }
}
await Deno.mkdir(resultsDir, { recursive: true })

const outcomes: Outcome[] = []
const testDb = Deno.env.get('DATABASE_URL')
  ? await createTestDatabase(Deno.env.get('DATABASE_URL')!)
  : undefined
console.log(`▶ test stack on ${testDb ? 'Postgres (DATABASE_URL)' : 'PGlite'}`)
const stack = await startStack({
  databaseUrl: testDb?.url,
  seed: false,
  spa: wanted.includes('e2e'),
  pgtap: true,
  authRateLimits: TEST_RATE_LIMITS,
  log: false,
  // The Deno tests run the queue themselves (runDueJobs), deterministically; the journeys need the timer.
  jobsTimer: false,
})

const testEnv: Record<string, string> = {
  ...stack.env,
  SUPABASE_ANON_KEY: stack.anonKey,
  ...(stack.spaUrl ? { SPA_URL: stack.spaUrl } : {}),
  CHROMIUM_PATH: Deno.env.get('CHROMIUM_PATH') ?? '/usr/bin/chromium',
  NO_COLOR: '1',
}

try {
  if (wanted.includes('static')) await staticChecks()
  if (wanted.includes('pgtap')) {
    console.log('\n▶ pgTAP (supabase/tests)')
    const r = await runPgtap(stack.dbUrl, { prepare: stack.env.DB_PREPARE === 'true', verbose: true })
    outcomes.push({ suite: 'pgTAP', passed: r.passed, failed: r.failed })
  }
  if (wanted.includes('deno')) await denoTests()
  if (wanted.includes('vitest')) await vitest('vitest.config.ts', 'Vitest (shared, web)')
  if (wanted.includes('e2e')) {
    stack.startJobsTimer()
    await vitest('web/vitest.e2e.config.ts', 'Playwright journeys (Chromium)')
  }
} finally {
  await stack.stop()
  await testDb?.drop()
}

console.log('')
for (const o of outcomes) console.log(`  ${o.suite.padEnd(34)} ${o.passed} passed, ${o.failed} failed`)
const passed = outcomes.reduce((n, o) => n + o.passed, 0)
const failed = outcomes.reduce((n, o) => n + o.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
Deno.exit(failed > 0 || passed === 0 ? 1 : 0)

async function run(cmd: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const child = new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd: root,
    env: { ...testEnv, ...env },
    stdout: 'piped',
    stderr: 'piped',
  }).spawn()
  const decoder = new TextDecoder()
  let out = ''
  const pump = async (stream: ReadableStream<Uint8Array>, sink: typeof Deno.stdout) => {
    for await (const chunk of stream) {
      out += decoder.decode(chunk, { stream: true })
      await sink.write(chunk)
    }
  }
  const [status] = await Promise.all([
    child.status,
    pump(child.stdout, Deno.stdout),
    pump(child.stderr, Deno.stderr),
  ])
  return { code: status.code, out }
}

/** Type checks, lint and format: one test each, as the "done when" lists them. */
async function staticChecks() {
  console.log('\n▶ deno check / lint / fmt')
  const checks: [string, string[]][] = [
    ['deno check (functions, their tests, scripts)', [deno, 'check', 'supabase', 'scripts']],
    ['tsc (web, shared)', ['node', 'node_modules/typescript/bin/tsc', '--noEmit', '-p', 'web']],
    ['deno lint', [deno, 'lint']],
    ['deno fmt --check', [deno, 'fmt', '--check']],
    ['eslint (web: types, hooks, a11y, import boundaries)', ['npm', 'run', '--silent', 'lint', '-w', 'web']],
    ['initial JS ≤ 150 KB gzipped', [deno, 'run', '-A', 'scripts/bench/bundle.ts']],
  ]
  let passed = 0
  let failed = 0
  for (const [name, cmd] of checks) {
    const { code } = await run(cmd)
    console.log(`${code === 0 ? 'ok' : 'FAILED'}: ${name}`)
    code === 0 ? passed++ : failed++
  }
  outcomes.push({ suite: 'Static checks', passed, failed })
}

async function denoTests() {
  console.log('\n▶ Deno tests (supabase/functions, scripts)')
  const targets = paths.length ? paths : ['supabase/functions', 'scripts']
  const { code, out } = await run([deno, 'test', '-A', '--no-check', ...targets])
  const summary = [...out.matchAll(/(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/g)].at(
    -1,
  )
  if (!summary) {
    outcomes.push({ suite: 'Deno tests', passed: 0, failed: 1 })
    console.error(`deno test exited ${code} without a summary`)
    return
  }
  outcomes.push({ suite: 'Deno tests', passed: Number(summary[1]), failed: Number(summary[2]) })
}

async function vitest(config: string, suite: string) {
  console.log(`\n▶ ${suite}`)
  const report = `${resultsDir}/${config.replace(/\W+/g, '-')}.json`
  await Deno.remove(report).catch(() => {})
  const { code } = await run([
    'node',
    'node_modules/vitest/vitest.mjs',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ])
  try {
    const r = JSON.parse(await Deno.readTextFile(report))
    const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0)
    outcomes.push({ suite, passed: r.numPassedTests, failed })
  } catch {
    console.error(`vitest (${config}) exited ${code} without a report`)
    outcomes.push({ suite, passed: 0, failed: 1 })
  }
}

/** A fresh database on the given server, so runs never see each other's rows. */
async function createTestDatabase(serverUrl: string) {
  const name = `switchboard_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} })
      await sql.unsafe(`drop database if exists ${name} with (force)`)
      await sql.end()
    },
  }
}
