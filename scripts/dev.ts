/**
 * `npm start`: the whole stack on Supabase's usual local ports, data kept in .data/ so a restart keeps the
 * users, tenants and secrets. DATABASE_URL switches to a real Postgres; API_PORT, DB_PORT, VAPI_PORT,
 * GCS_PORT, EXPO_PORT, SPA_PORT and DOCS_PORT move a service off a port that is taken; SWITCHBOARD_DATA_DIR
 * keeps the data elsewhere and SWITCHBOARD_SPA=false starts everything but the SPA (no Vite, web/.env.local
 * left alone).
 *
 * Ctrl-C (SIGINT), SIGTERM, or the parent going away stop every service and child and release every port.
 */
import { DEMO_LOGIN, seedDemoVoice } from './demo/voice.ts'
import { PortInUseError, type StackPorts, startStack } from './stack.ts'

const root = new URL('../', import.meta.url).pathname
const PORT_VARS: Record<keyof StackPorts, string> = {
  api: 'API_PORT',
  db: 'DB_PORT',
  vapi: 'VAPI_PORT',
  gcs: 'GCS_PORT',
  expo: 'EXPO_PORT',
  spa: 'SPA_PORT',
  docs: 'DOCS_PORT',
}
const DEFAULT_PORTS: StackPorts = {
  api: 54321,
  db: 54322,
  vapi: 54330,
  gcs: 54332,
  expo: 54333,
  spa: 5173,
  docs: 54331,
}

const ports = { ...DEFAULT_PORTS }
for (const [service, variable] of Object.entries(PORT_VARS) as [keyof StackPorts, string][]) {
  const value = Deno.env.get(variable)
  if (!value) continue
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`${variable}=${value} is not a port number`)
  ports[service] = port
}
const databaseUrl = Deno.env.get('DATABASE_URL') || undefined
const dataDir = Deno.env.get('SWITCHBOARD_DATA_DIR') || `${root}.data`
const spaSetting = Deno.env.get('SWITCHBOARD_SPA') ?? 'true'
if (spaSetting !== 'true' && spaSetting !== 'false') fail(`SWITCHBOARD_SPA=${spaSetting}: use true or false`)
const spa = spaSetting === 'true'

const starting = startStack({
  dataDir,
  databaseUrl,
  ports,
  seed: true,
  spa,
  spaEnvFile: spa ? `${root}web/.env.local` : undefined,
})

// Listening from the start: a signal during startup stops the stack as soon as it is up, instead of killing
// this process halfway and leaving Vite (a child) running with its port.
let stopping = false
const shutdown = async () => {
  if (stopping) Deno.exit(1) // a second Ctrl-C while stopping: give up waiting
  stopping = true
  console.log('\nStopping…')
  const stack = await starting.catch(() => undefined)
  await stack?.stop()
  Deno.exit(0)
}
Deno.addSignalListener('SIGINT', shutdown)
Deno.addSignalListener('SIGTERM', shutdown)
// `npm start` runs this under `sh -c`, and npm passes SIGTERM to that shell only: dash exits without passing
// it on, which orphaned this process with every port held. A parent that goes away is a SIGTERM too.
const parent = Deno.ppid
Deno.unrefTimer(setInterval(() => Deno.ppid !== parent && !stopping && shutdown(), 250))
// Printed once the signals are heard: from here on, a stop during startup is a clean one.
console.log(`Starting Switchboard (database, auth, functions, sandbox${spa ? ', SPA' : ''})…`)

let stack
try {
  stack = await starting
} catch (error) {
  if (error instanceof PortInUseError) {
    fail(
      `Port ${error.port} (${error.service}) is already in use — is another \`npm start\` running? ` +
        `Stop it, or choose another port: ${PORT_VARS[error.service]}=<port> npm start`,
    )
  }
  throw error
}

// The demo tenant's assistants, workflow, number and knowledge base, created once through the API.
let demoVoice = ''
if (!stopping) {
  demoVoice = await seedDemoVoice({ apiUrl: stack.apiUrl, anonKey: stack.anonKey }).then(
    (outcome) => outcome === 'seeded' ? 'demo voice data seeded' : '',
    (error) => `demo voice data could not be seeded: ${error instanceof Error ? error.message : error}`,
  )
}

if (!stopping) {
  const rows: [string, string][] = [
    ['API URL', stack.apiUrl],
    ['Functions URL', `${stack.apiUrl}/functions/v1`],
    ['DB URL', databaseUrl ? redact(stack.dbUrl) : stack.dbUrl],
    ['JWKS URL', `${stack.apiUrl}/auth/v1/.well-known/jwks.json`],
    ['anon key', stack.anonKey],
    ...(stack.spaUrl ? [['SPA URL', stack.spaUrl] as [string, string]] : []),
    ['Vapi sandbox URL', stack.vapiUrl],
    ['GCS sandbox URL', `${stack.gcs.url} (bucket ${stack.gcs.bucket}; recordings stay on local disk)`],
    ['Expo push sandbox URL', stack.expoUrl],
    ['API reference', stack.docsUrl],
    ['Demo login', `${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  const where = databaseUrl ? ' on DATABASE_URL' : ` (data in ${dataDir.replace(root, '')})`
  if (demoVoice) console.log(demoVoice)
  console.log(`\nSwitchboard is running${where}.\n`)
  for (const [label, value] of rows) console.log(`${label.padStart(width)}: ${value}`)
  console.log(`\n${stack.spaUrl ? `Open ${stack.spaUrl} — ` : ''}Ctrl-C stops everything.\n`)
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}

function fail(message: string): never {
  console.error(`npm start: ${message}`)
  Deno.exit(1)
}
