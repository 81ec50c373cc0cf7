/**
 * The whole local stack in one process: database (PGlite over the wire protocol, or DATABASE_URL), the
 * migrations, the provider sandboxes (Vapi, Google Cloud Storage, Expo push), the auth server and functions
 * behind one gateway, the API reference (its own tiny server: scripts/openapi/serve.ts), and optionally the
 * SPA's Vite dev server. Used by `npm start` (dev.ts) and `npm test` (run-tests.ts).
 */
import { type RateLimits, readRateLimits } from './auth/rate-limit.ts'
import { createAuthServer } from './auth/server.ts'
import { migrate } from './db/migrate.ts'
import { startPglite } from './db/pglite.ts'
import { createGateway } from './gateway.ts'
import { type JobsTimer, randomJobsSecret, startJobsTimer, withoutJobRuns } from './jobs-timer.ts'
import { createRealtimeServer } from './realtime/server.ts'
import { startVapiSandbox } from './sandbox/vapi.ts'
import { startGcsSandbox } from './sandbox/gcs.ts'
import { startExpoSandbox } from './sandbox/expo.ts'
import { startDocsServer } from './openapi/serve.ts'

export interface StackPorts {
  api: number
  db: number
  vapi: number
  /** The Google Cloud Storage stand-in (recordings go to local disk unless GCS_* point at it). */
  gcs: number
  /** The Expo push API stand-in. */
  expo: number
  spa: number
  /** The API reference (docs/api/index.html, docs/openapi.json). */
  docs: number
}

export interface StackOptions {
  /** Persist PGlite, the signing key and the encryption key here; everything in memory when absent. */
  dataDir?: string
  /** A real Postgres instead of PGlite. */
  databaseUrl?: string
  /** 0 or absent: a free port. */
  ports?: Partial<StackPorts>
  seed: boolean
  /** Run the SPA's Vite dev server. */
  spa: boolean
  /** Load pgTAP into PGlite (tests). */
  pgtap?: boolean
  /** The auth's limits per IP; supabase/config.toml's [auth.rate_limit] when absent. */
  authRateLimits?: RateLimits
  /** Written with VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY before Vite starts (Vite restarts when it changes). */
  spaEnvFile?: string
  /** Progress and one line per request; false for silence. Default: console.log. */
  log?: boolean | ((line: string) => void)
  /**
   * Run due jobs every few seconds, as pg_cron does on Supabase (default true). The tests hold it back and
   * run the queue themselves, starting it for the browser journeys only (startJobsTimer).
   */
  jobsTimer?: boolean
}

export interface Stack {
  apiUrl: string
  dbUrl: string
  anonKey: string
  vapiUrl: string
  /** The GCS stand-in: what GCS_API_ENDPOINT, GCS_BUCKET and GCS_SERVICE_ACCOUNT_JSON would be set to. */
  gcs: { url: string; bucket: string; serviceAccountJson: string }
  /** The Expo stand-in (EXPO_PUSH_URL). */
  expoUrl: string
  spaUrl?: string
  /** The API reference; `openapi.json` beside it. */
  docsUrl: string
  /** The functions' environment (see supabase/functions/_shared/env.ts). */
  env: Record<string, string>
  /** Starts the jobs timer that `jobsTimer: false` held back; nothing when it runs already. */
  startJobsTimer(): void
  stop(): Promise<void>
}

/** Thrown before anything starts when a fixed port is taken. */
export class PortInUseError extends Error {
  constructor(readonly service: keyof StackPorts, readonly port: number) {
    super(`port ${port} (${service}) is already in use`)
    this.name = 'PortInUseError'
  }
}

const root = new URL('../', import.meta.url).pathname

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log === false ? () => {} : typeof options.log === 'function' ? options.log : console.log
  const ports = choosePorts(options)
  const cleanups: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error) => console.error('stack: stopping failed:', error?.message ?? error))
    }
  }

  try {
    let dbUrl = options.databaseUrl
    const prepare = !dbUrl
    if (!dbUrl) {
      const pglite = await startPglite({
        dataDir: options.dataDir ? `${options.dataDir}/pglite` : undefined,
        port: ports.db,
        pgtap: options.pgtap,
      })
      cleanups.push(pglite.stop)
      dbUrl = pglite.url
    }
    const migrated = await migrate(dbUrl, { seed: options.seed, prepare })
    log(
      `database ready (${options.databaseUrl ? 'Postgres' : 'PGlite'}): ${
        migrated.applied.length ? `applied ${migrated.applied.join(', ')}` : 'migrations up to date'
      }${migrated.seeded ? ', seeded' : ''}`,
    )

    const vapi = await startVapiSandbox({
      port: ports.vapi,
      // The sandbox's organisations (assistants, numbers, files, calls…) survive a restart.
      dataFile: options.dataDir ? `${options.dataDir}/vapi/orgs.json` : undefined,
    })
    cleanups.push(vapi.stop)

    const gcs = await startGcsSandbox({
      port: ports.gcs,
      dataDir: options.dataDir ? `${options.dataDir}/gcs` : undefined,
    })
    cleanups.push(gcs.stop)
    const expo = await startExpoSandbox({ port: ports.expo })
    cleanups.push(expo.stop)
    // Recordings on local disk (the default without GCS_BUCKET): kept with the data, or thrown away after.
    const storageDir = options.dataDir
      ? `${options.dataDir}/storage`
      : await Deno.makeTempDir({ prefix: 'switchboard-storage-' })
    if (!options.dataDir) cleanups.push(() => Deno.remove(storageDir, { recursive: true }))

    const docs = startDocsServer({ port: ports.docs })
    cleanups.push(docs.stop)

    const apiUrl = `http://127.0.0.1:${ports.api}`
    const auth = await createAuthServer({
      dbUrl,
      apiUrl,
      prepare,
      keyFile: options.dataDir ? `${options.dataDir}/auth/signing-key.json` : undefined,
      rateLimits: options.authRateLimits ??
        await readRateLimits(new URL('../supabase/config.toml', import.meta.url)),
    })
    cleanups.push(auth.stop)

    // Without our Vite, allow the default one a developer may run by hand.
    const spaPort = options.spa ? ports.spa : (options.ports?.spa || 5173)
    const spaOrigins = [`http://127.0.0.1:${spaPort}`, `http://localhost:${spaPort}`]
    const env: Record<string, string> = {
      SUPABASE_URL: apiUrl,
      SUPABASE_DB_URL: dbUrl,
      DB_PREPARE: String(prepare),
      APP_ENCRYPTION_KEY: await encryptionKey(options.dataDir),
      VAPI_BASE_URL: vapi.url,
      LOCAL_STORAGE_DIR: storageDir,
      EXPO_PUSH_URL: expo.url,
      // The platform's Twilio account the pool's virtual numbers are connected with (sandbox values).
      POOL_TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000001',
      POOL_TWILIO_AUTH_TOKEN: 'sandbox-pool-twilio-token',
      // The browser cannot reach Vapi's WebRTC offline: test calls are played by the sandbox instead.
      VAPI_SIMULATED_CALLS: 'true',
      APP_ORIGINS: spaOrigins.join(','),
      // Locally every response is checked against its route's contract: a mismatch is a 500 naming it.
      VALIDATE_RESPONSES: 'true',
      // The scheduler's secret for POST /functions/v1/jobs/run: the jobs timer below, pg_cron on Supabase.
      JOBS_SECRET: randomJobsSecret(),
      // Expo's push receipts are checked this long after a push (15 minutes in production).
      PUSH_RECEIPT_DELAY_S: '5',
    }
    // Broadcast from Database for the SPA's private channels (Supabase's Realtime when deployed).
    const realtime = createRealtimeServer({ dbUrl, prepare, verifyJwt: auth.verifyJwt })
    cleanups.push(realtime.stop)

    const gateway = createGateway({
      auth,
      env,
      realtime,
      log: options.log === false ? undefined : withoutJobRuns(log),
    })
    cleanups.push(gateway.stop)
    const server = Deno.serve({ port: ports.api, hostname: '127.0.0.1', onListen: () => {} }, gateway.handler)
    cleanups.push(() => server.shutdown())

    let jobsTimer: JobsTimer | undefined
    const startTimer = () => {
      jobsTimer ??= startJobsTimer(apiUrl, env.JOBS_SECRET, log)
    }
    cleanups.push(async () => await jobsTimer?.stop())
    if (options.jobsTimer !== false) startTimer()

    let spaUrl: string | undefined
    if (options.spa) {
      if (options.spaEnvFile) {
        await Deno.writeTextFile(
          options.spaEnvFile,
          `# Written by npm start (scripts/dev.ts).\nVITE_SUPABASE_URL=${apiUrl}\nVITE_SUPABASE_ANON_KEY=${auth.anonKey}\n`,
        )
      }
      const vite = await startVite(ports.spa, {
        VITE_SUPABASE_URL: apiUrl,
        VITE_SUPABASE_ANON_KEY: auth.anonKey,
      }, log)
      cleanups.push(vite.stop)
      spaUrl = spaOrigins[0]
    }

    return {
      apiUrl,
      dbUrl,
      anonKey: auth.anonKey,
      vapiUrl: vapi.url,
      gcs: { url: gcs.url, bucket: gcs.bucket, serviceAccountJson: gcs.serviceAccountJson },
      expoUrl: expo.url,
      spaUrl,
      docsUrl: docs.url,
      env,
      startJobsTimer: startTimer,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

function choosePorts(options: StackOptions): StackPorts {
  const wanted: StackPorts = { api: 0, db: 0, vapi: 0, gcs: 0, expo: 0, spa: 0, docs: 0, ...options.ports }
  const chosen = { ...wanted }
  for (const service of Object.keys(wanted) as (keyof StackPorts)[]) {
    if (service === 'db' && options.databaseUrl) continue
    if (service === 'spa' && !options.spa) continue
    try {
      const listener = Deno.listen({ hostname: '127.0.0.1', port: wanted[service] })
      chosen[service] = (listener.addr as Deno.NetAddr).port
      listener.close()
    } catch (error) {
      if (error instanceof Deno.errors.AddrInUse) throw new PortInUseError(service, wanted[service])
      throw error
    }
  }
  return chosen
}

/**
 * APP_ENCRYPTION_KEY for the functions: kept in the data folder so secrets sealed by an earlier run still
 * open; a fresh one per run in memory.
 */
async function encryptionKey(dataDir: string | undefined): Promise<string> {
  const file = dataDir ? `${dataDir}/app-encryption-key` : undefined
  if (file) {
    try {
      return (await Deno.readTextFile(file)).trim()
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error
    }
  }
  const key = `local:${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`
  if (file) {
    await Deno.mkdir(dataDir!, { recursive: true })
    await Deno.writeTextFile(file, key + '\n', { mode: 0o600 })
  }
  return key
}

/** Vite in web/, on a fixed port, resolved once it answers HTTP. */
async function startVite(
  port: number,
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const child = new Deno.Command('node', {
    args: [
      `${root}node_modules/vite/bin/vite.js`,
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    cwd: `${root}web`,
    env,
    stdin: 'null',
    stdout: 'piped',
    stderr: 'piped',
  }).spawn()
  const output: string[] = []
  const forward = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder()
    for await (const chunk of stream) {
      for (const line of decoder.decode(chunk, { stream: true }).split('\n')) {
        if (!line.trim()) continue
        output.push(line)
        if (output.length > 50) output.shift()
        log(`[vite] ${line}`)
      }
    }
  }
  const piped = Promise.all([forward(child.stdout), forward(child.stderr)]).catch(() => {})
  let exited = false
  const status = child.status.then((s) => {
    exited = true
    return s
  })

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => !exited && child.kill('SIGKILL'), 5000)
      await status
      clearTimeout(timer)
    }
    await piped
  }

  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (exited) {
      await piped
      throw new Error(`Vite exited with ${(await status).code} before answering:\n${output.join('\n')}`)
    }
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(async (res) => {
      await res.body?.cancel()
      return true
    }, () => false)
    if (ok) return { stop }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await stop()
  throw new Error(`Vite did not answer on port ${port} within 60 s:\n${output.join('\n')}`)
}
