/**
 * `npm start` as a process: started on free ports with a data folder of its own and without the SPA
 * (SWITCHBOARD_SPA=false, so web/.env.local is left alone), then stopped by SIGTERM, as a process manager or
 * a CI job stops it. Stopped means exited with every port released.
 */
import assert from 'node:assert/strict'

const root = new URL('../', import.meta.url).pathname
const deno = `${root}node_modules/.bin/deno`
const BANNER = 'Ctrl-C stops everything.'

Deno.test('npm start: SIGTERM to npm stops the whole stack and releases every port', async () => {
  const run = await start(['npm', 'start'])
  try {
    await run.waitFor(BANNER)
    const health = await fetch(`http://127.0.0.1:${run.ports.API_PORT}/auth/v1/health`)
    await health.body?.cancel()
    assert.equal(health.status, 401, 'the gateway answers (the auth wants an apikey)')
    // npm passes the signal to the `sh -c` running dev.ts, which dies without passing it on.
    Deno.kill(run.child.pid, 'SIGTERM')
    await run.exited()
    await run.portsReleased()
    assert.match(run.output(), /Stopping…/)
  } finally {
    await run.cleanup()
  }
})

Deno.test('npm start: SIGTERM while starting stops cleanly once the stack is up', async () => {
  const run = await start([deno, 'run', '-A', 'scripts/dev.ts'])
  try {
    // Before the database is up (PGlite takes a second or more to start), so the stack is surely mid-start.
    await run.waitFor('Starting Switchboard')
    Deno.kill(run.child.pid, 'SIGTERM')
    const status = await run.exited()
    assert.deepEqual({ code: status.code, signal: status.signal }, { code: 0, signal: null }, run.output())
    assert.match(run.output(), /Stopping…/)
    assert.doesNotMatch(run.output(), new RegExp(BANNER))
    await run.portsReleased()
  } finally {
    await run.cleanup()
  }
})

async function start(cmd: string[]) {
  const dataDir = await Deno.makeTempDir({ prefix: 'switchboard-dev-test-' })
  const ports = {
    API_PORT: freePort(),
    DB_PORT: freePort(),
    VAPI_PORT: freePort(),
    GCS_PORT: freePort(),
    EXPO_PORT: freePort(),
    DOCS_PORT: freePort(),
  }
  const env = Deno.env.toObject()
  delete env.DATABASE_URL // npm test's Postgres run must not send npm start to that server
  const child = new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd: root,
    clearEnv: true,
    env: {
      ...env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_SPA: 'false',
      NO_COLOR: '1',
    },
    stdin: 'null',
    stdout: 'piped',
    stderr: 'piped',
    // Its own process group, so whatever a failed run leaves behind can be killed at the end.
    detached: true,
  }).spawn()
  let output = ''
  const decoder = new TextDecoder()
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) output += decoder.decode(chunk, { stream: true })
  }
  const pumped = Promise.all([pump(child.stdout), pump(child.stderr)])
  let exited = false
  const status = child.status.then((s) => {
    exited = true
    return s
  })

  const until = async (what: string, done: () => boolean | Promise<boolean>, seconds: number) => {
    const deadline = Date.now() + seconds * 1000
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  return {
    child,
    ports,
    output: () => output,
    waitFor: (text: string) => until(`"${text}"`, () => output.includes(text) || exited, 120),
    async exited() {
      await until('the process to exit', () => exited, 30)
      return await status
    },
    portsReleased: () =>
      until(
        `ports ${Object.values(ports).join(', ')} to be released`,
        () => Object.values(ports).every(isFree),
        30,
      ),
    async cleanup() {
      try {
        Deno.kill(-child.pid, 'SIGKILL')
      } catch {
        // the group is gone already, as it should be
      }
      await status
      await pumped
      await Deno.remove(dataDir, { recursive: true })
    },
  }
}

function freePort(): number {
  const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 })
  const port = (listener.addr as Deno.NetAddr).port
  listener.close()
  return port
}

function isFree(port: number): boolean {
  try {
    Deno.listen({ hostname: '127.0.0.1', port }).close()
    return true
  } catch {
    return false
  }
}
