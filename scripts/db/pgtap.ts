/**
 * Runs the pgTAP files under supabase/tests without pg_prove or the Supabase CLI: installs pgTAP, applies
 * supabase/tests/setup.sql (our `tests.*` helpers), then every `*.test.sql` in path order on one connection.
 * Each file is one transaction that rolls back, so the files are independent. A file counts one failure
 * per `not ok`, plus one when it errors or runs a different number of tests than it planned.
 */
import postgres from 'postgres'

const TESTS = new URL('../../supabase/tests/', import.meta.url)

export interface PgtapResult {
  passed: number
  failed: number
  /** `<file>: <what failed>`, one per failure. */
  failures: string[]
  /** Every TAP line, file by file. */
  output: string
}

export interface PgtapOptions {
  /** true on PGlite, false behind a transaction pooler (see docs/architecture.md, "Local stack"). */
  prepare?: boolean
  /** Print failures and a summary line per file. */
  verbose?: boolean
  /** Folder holding setup.sql and the test files; supabase/tests by default. */
  dir?: URL
}

export async function runPgtap(url: string, options: PgtapOptions = {}): Promise<PgtapResult> {
  const dir = options.dir ?? TESTS
  const result: PgtapResult = { passed: 0, failed: 0, failures: [], output: '' }
  let notices: string[] = []
  const sql = postgres(url, {
    max: 1,
    prepare: options.prepare ?? false,
    // The rollback after each file warns when the file already rolled back: not worth reporting.
    onnotice: (n) => n.code !== '25P01' && notices.push(`# ${n.message}`),
  })
  try {
    await sql.unsafe('create extension if not exists pgtap')
    // Unqualified pgTAP calls must resolve wherever the extension lives (Supabase puts it in `extensions`).
    const [{ schema }] = await sql<{ schema: string }[]>`
      select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
      where e.extname = 'pgtap'`
    await sql.unsafe(`set search_path = "$user", public, ${quoteIdent(schema)}`)
    await sql.unsafe(await Deno.readTextFile(new URL('setup.sql', dir)))

    for (const file of await testFiles(dir)) {
      notices = []
      const text = await Deno.readTextFile(new URL(file, dir))
      let lines: string[] = []
      let error: string | undefined
      try {
        lines = tapLines(await sql.unsafe(text))
      } catch (e) {
        error = describe(e)
      } finally {
        // A file that failed half-way leaves its transaction open (and aborted).
        await sql.unsafe('rollback')
      }
      const outcome = score(lines, error)
      result.passed += outcome.passed
      result.failed += outcome.failures.length
      result.failures.push(...outcome.failures.map((f) => `${file}: ${f}`))
      result.output += `# ${file}\n${[...lines, ...notices].join('\n')}\n`
      if (options.verbose) {
        for (const f of outcome.failures) console.log(`  ${f}`)
        const status = outcome.failures.length ? 'FAILED' : 'ok'
        console.log(`${status}: ${file} (${outcome.passed} passed, ${outcome.failures.length} failed)`)
      }
    }
  } catch (e) {
    // Setup itself failed (no pgTAP, a broken setup.sql): one failure rather than a crash of `npm test`.
    result.failed++
    result.failures.push(`setup: ${describe(e)}`)
    if (options.verbose) console.log(`FAILED: pgTAP setup: ${describe(e)}`)
  } finally {
    await sql.end()
  }
  return result
}

async function testFiles(root: URL): Promise<string[]> {
  const files: string[] = []
  const walk = async (sub: string) => {
    for await (const entry of Deno.readDir(new URL(sub, root))) {
      if (entry.isDirectory) await walk(`${sub}${entry.name}/`)
      else if (entry.name.endsWith('.test.sql')) files.push(`${sub}${entry.name}`)
    }
  }
  await walk('')
  return files.sort()
}

/**
 * postgres.js answers a multi-statement simple query with one result per statement (or just the result
 * when there is one statement); pgTAP's functions return their TAP lines as single-column rows.
 */
function tapLines(results: unknown): string[] {
  const many = Array.isArray(results) && results.length > 0 && Array.isArray(results[0])
  const sets = (many ? results : [results]) as Record<string, unknown>[][]
  const lines: string[] = []
  for (const rows of sets) {
    for (const row of rows) {
      const values = Object.values(row)
      if (values.length !== 1 || typeof values[0] !== 'string') continue
      lines.push(...values[0].split('\n').filter((l) => /^(ok|not ok) \d+|^# |^1\.\.\d+$/.test(l)))
    }
  }
  return lines
}

function score(lines: string[], error: string | undefined): { passed: number; failures: string[] } {
  let passed = 0
  let ran = 0
  let planned: number | undefined
  const failures: string[] = []
  for (const [i, line] of lines.entries()) {
    const plan = /^1\.\.(\d+)$/.exec(line)
    if (plan) planned = Number(plan[1])
    else if (line.startsWith('ok ')) {
      ran++
      passed++
    } else if (line.startsWith('not ok ')) {
      ran++
      // pgTAP's diagnostics for a failure (have/want, the error caught) follow it as `#` lines.
      const diagnostics = []
      for (const next of lines.slice(i + 1)) {
        if (!next.startsWith('# ') || next.startsWith('# Looks like')) break
        diagnostics.push(next.slice(2).trim())
      }
      failures.push([line, ...diagnostics].join(' | '))
    }
  }
  if (error) failures.push(`error: ${error}`)
  else if (planned === undefined) failures.push('no plan (missing `select plan(n)`)')
  else if (planned !== ran) failures.push(`planned ${planned} tests but ran ${ran}`)
  return { passed, failures }
}

function describe(e: unknown): string {
  if (e instanceof postgres.PostgresError) return `${e.code} ${e.message}${e.where ? ` (${e.where})` : ''}`
  return e instanceof Error ? e.message : String(e)
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
