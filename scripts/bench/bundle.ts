/**
 * The SPA's bundle, weighed: every emitted JS and CSS file raw and gzipped, and the initial JS — what the
 * browser must download before the sign-in page renders. Exits non-zero when that is over budget.
 *
 *   deno run -A scripts/bench/bundle.ts              build web/ into a temporary folder and weigh it
 *   deno run -A scripts/bench/bundle.ts --no-build   weigh the existing web/dist
 *
 * The initial set comes from Vite's build manifest: the entry chunk and its static imports, then the sign-in
 * route's chunk and its static imports (the router loads that route lazily). Dynamic imports are left out:
 * they load after the first render, or behind sign-in.
 */
import { gzipSync } from 'node:zlib'

export const INITIAL_JS_BUDGET_GZIP = 150 * 1024

const root = new URL('../../', import.meta.url).pathname
const SIGN_IN_ROUTE = 'src/app/routes/auth/sign-in.tsx'

export interface FileSize {
  file: string
  raw: number
  gzip: number
  initial: boolean
}

export interface BundleReport {
  files: FileSize[]
  initialJs: { raw: number; gzip: number }
  budgetGzip: number
}

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  css?: string[]
}

/** Builds the SPA (unless `distDir` is given) and weighs it. */
export async function measureBundle(options: { distDir?: string } = {}): Promise<BundleReport> {
  const distDir = options.distDir ?? await build()
  try {
    return await weigh(distDir)
  } finally {
    if (!options.distDir) await Deno.remove(distDir, { recursive: true })
  }
}

/** Into a temporary folder, so a deployable web/dist is never replaced by a build with placeholder settings. */
async function build(): Promise<string> {
  const outDir = await Deno.makeTempDir({ prefix: 'switchboard-web-dist-' })
  const { code, stderr } = await new Deno.Command('npm', {
    args: ['run', 'build', '-w', 'web', '--', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    cwd: root,
    env: {
      // Without them src/lib/supabase.ts throws at import and the bundler drops supabase-js as dead code.
      VITE_SUPABASE_URL: Deno.env.get('VITE_SUPABASE_URL') ?? 'https://project-ref.supabase.co',
      VITE_SUPABASE_ANON_KEY: Deno.env.get('VITE_SUPABASE_ANON_KEY') ?? 'placeholder-anon-key',
    },
    stdout: 'null',
    stderr: 'piped',
  }).output()
  if (code !== 0) {
    await Deno.remove(outDir, { recursive: true })
    throw new Error(`npm run build -w web failed:\n${new TextDecoder().decode(stderr)}`)
  }
  return outDir
}

async function weigh(distDir: string): Promise<BundleReport> {
  const manifestFile = `${distDir}/.vite/manifest.json`
  const manifest: Record<string, ManifestChunk> = JSON.parse(
    await Deno.readTextFile(manifestFile).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error
      throw new Error(`${manifestFile} is missing: build first (npm run build -w web)`)
    }),
  )
  const initial = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || initial.has(chunk.file)) return
    initial.add(chunk.file)
    for (const css of chunk.css ?? []) initial.add(css)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry)
  if (entries.length === 0) throw new Error(`${manifestFile} names no entry`)
  for (const key of [...entries, SIGN_IN_ROUTE]) visit(key)

  const files: FileSize[] = []
  for await (const entry of Deno.readDir(`${distDir}/assets`)) {
    if (!/\.(js|css)$/.test(entry.name)) continue
    const bytes = await Deno.readFile(`${distDir}/assets/${entry.name}`)
    const file = `assets/${entry.name}`
    files.push({ file, raw: bytes.length, gzip: gzipSync(bytes).length, initial: initial.has(file) })
  }
  files.sort((a, b) => b.gzip - a.gzip)
  const initialJs = files.filter((f) => f.initial && f.file.endsWith('.js'))
  return {
    files,
    initialJs: {
      raw: initialJs.reduce((n, f) => n + f.raw, 0),
      gzip: initialJs.reduce((n, f) => n + f.gzip, 0),
    },
    budgetGzip: INITIAL_JS_BUDGET_GZIP,
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export function printBundleReport(report: BundleReport) {
  console.log(
    `  ${'file'.padEnd(46)} ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}   * before the sign-in page`,
  )
  for (const f of report.files) {
    console.log(
      `${f.initial ? '*' : ' '} ${f.file.padEnd(46)} ${kb(f.raw).padStart(9)}  ${kb(f.gzip).padStart(9)}`,
    )
  }
  const { raw, gzip } = report.initialJs
  const verdict = gzip <= report.budgetGzip ? 'within' : 'OVER'
  console.log(
    `\ninitial JS: ${kb(raw)} raw, ${kb(gzip)} gzipped — ${verdict} the ${kb(report.budgetGzip)} budget`,
  )
}

if (import.meta.main) {
  const report = await measureBundle({
    distDir: Deno.args.includes('--no-build') ? `${root}web/dist` : undefined,
  })
  printBundleReport(report)
  if (report.initialJs.gzip > report.budgetGzip) Deno.exit(1)
}
