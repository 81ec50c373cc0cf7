/**
 * The gateway over real HTTP, with a functions folder of its own (so verify_jwt true and false, disabled
 * and private folders are all present) and the real local auth server.
 */
import assert from 'node:assert/strict'
import { startTestAuth } from './auth/testing.ts'
import type { CoreDeps } from '../supabase/functions/_shared/deps.ts'
import { createGateway } from './gateway.ts'

const FIXTURE: Record<string, string> = {
  'config.toml': `
[functions.open]
verify_jwt = false

[functions.off]
enabled = false
`,
  'functions/guarded/handler.ts': fixtureFunction(
    'guarded',
    `async (req) => {
    if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: { 'x-answered-by': 'guarded' } })
    const url = new URL(req.url)
    return Response.json({ path: url.pathname, search: url.search, body: await req.text(), core: deps.core, own: deps.own })
  }`,
  ),
  'functions/open/handler.ts': fixtureFunction('open', '() => Response.json({ open: true })'),
  'functions/off/handler.ts': fixtureFunction('off', '() => Response.json({ off: false })'),
  'functions/_private/handler.ts': fixtureFunction('_private', '() => Response.json({ private: true })'),
  'functions/legacy/handler.ts': 'export const createHandler = () => () => Response.json({ legacy: true })\n',
  'functions/empty/README.md': 'a folder without handler.ts\n',
}

/** A handler.ts as defineFunction makes it: the module contract the gateway loads, without a database. */
function fixtureFunction(name: string, handler: string): string {
  return `export default {
  name: '${name}',
  contract: { name: '${name}', summary: '', routes: {} },
  createDeps: (env, core) => ({ ...core, own: env.OWN }),
  createHandler: (deps) => ${handler},
}
`
}

Deno.test('gateway: routes, verify_jwt, path rewriting and one log line per request', async () => {
  const dir = await Deno.makeTempDir()
  for (const [path, text] of Object.entries(FIXTURE)) {
    await Deno.mkdir(`${dir}/${path.slice(0, path.lastIndexOf('/') + 1)}`, { recursive: true })
    await Deno.writeTextFile(`${dir}/${path}`, text)
  }
  const auth = await startTestAuth()
  const lines: string[] = []
  const gateway = createGateway({
    auth: auth.auth,
    env: { SUPABASE_URL: auth.url, OWN: 'from env' },
    log: (line) => lines.push(line),
    supabaseDir: new URL(`file://${dir}/`),
    // Core deps without a database: the fixture functions need none, and stop() closes this pool.
    buildDeps: () => ({ core: 'shared', db: { end: () => Promise.resolve() } }) as unknown as CoreDeps,
  })
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, gateway.handler)
  const base = `http://127.0.0.1:${server.addr.port}`
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, init)
    const text = await res.text()
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null }
  }
  try {
    const user = await (await fetch(`${base}/auth/v1/signup`, {
      method: 'POST',
      headers: { apikey: auth.auth.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: `gw-${crypto.randomUUID()}@test.local`, password: 'gateway-test' }),
    })).json()
    assert.ok(user.access_token, '/auth/v1 reaches the auth server')

    const missing = await call('/functions/v1/guarded')
    assert.equal(missing.status, 401)
    assert.deepEqual(missing.json, { code: 401, message: 'Missing authorization header' })

    const forged = await call('/functions/v1/guarded', { headers: { authorization: 'Bearer not.a.jwt' } })
    assert.equal(forged.status, 401)
    assert.deepEqual(forged.json, { code: 401, message: 'Invalid JWT' })

    for (const token of [auth.auth.anonKey, user.access_token]) {
      const ok = await call('/functions/v1/guarded/items/42?limit=5&q=a%20b', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: 'hello',
      })
      assert.equal(ok.status, 200)
      assert.deepEqual(ok.json, {
        path: '/guarded/items/42',
        search: '?limit=5&q=a%20b',
        body: 'hello',
        core: 'shared',
        own: 'from env',
      })
    }

    const preflight = await call('/functions/v1/guarded', { method: 'OPTIONS' })
    assert.equal(preflight.status, 204)
    assert.equal(preflight.headers.get('x-answered-by'), 'guarded', 'the preflight reaches the function')

    assert.deepEqual((await call('/functions/v1/open')).json, { open: true }, 'verify_jwt = false')

    for (const name of ['nope', 'off', '_private', '_shared', 'empty', '..%2Fconfig.toml']) {
      assert.equal((await call(`/functions/v1/${name}`)).status, 404, `${name} is not a function`)
    }
    assert.equal((await call('/rest/v1/tenants')).status, 404)
    const legacy = await call('/functions/v1/legacy', {
      headers: { authorization: `Bearer ${user.access_token}` },
    })
    assert.equal(legacy.status, 500, 'a handler.ts without the module contract is refused')

    await call(`/auth/v1/settings?apikey=${auth.auth.anonKey}`)
    assert.ok(
      lines.some((l) => /^POST \/functions\/v1\/guarded\/items\/42 200 \d+ms$/.test(l)),
      lines.join('\n'),
    )
    assert.ok(lines.some((l) => /^GET \/auth\/v1\/settings 200 \d+ms$/.test(l)), 'no query string in the log')
    assert.ok(
      !lines.some((l) => l.includes(auth.auth.anonKey) || l.includes(user.access_token)),
      'no secret logged',
    )
  } finally {
    await server.shutdown()
    await gateway.stop()
    await auth.stop()
    await Deno.remove(dir, { recursive: true })
  }
})

Deno.test('gateway: 405 for methods it cannot forward, 400 for a malformed Host, bodies bounded', async () => {
  const dir = await Deno.makeTempDir()
  await Deno.mkdir(`${dir}/functions/echo`, { recursive: true })
  await Deno.writeTextFile(`${dir}/config.toml`, '[functions.echo]\nverify_jwt = false\n')
  await Deno.writeTextFile(
    `${dir}/functions/echo/handler.ts`,
    fixtureFunction(
      'echo',
      'async (req) => Response.json({ path: new URL(req.url).pathname, bytes: (await req.arrayBuffer()).byteLength })',
    ),
  )
  const auth = await startTestAuth()
  const lines: string[] = []
  const gateway = createGateway({
    auth: auth.auth,
    env: {},
    log: (line) => lines.push(line),
    supabaseDir: new URL(`file://${dir}/`),
    buildDeps: () => ({ db: { end: () => Promise.resolve() } }) as unknown as CoreDeps,
  })
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, gateway.handler)
  const base = `http://127.0.0.1:${server.addr.port}`
  // fetch refuses to send these requests at all, so they go over a raw connection.
  const raw = async (head: string) => {
    const conn = await Deno.connect({ hostname: '127.0.0.1', port: server.addr.port })
    await conn.write(new TextEncoder().encode(`${head}\r\nConnection: close\r\n\r\n`))
    const text = new TextDecoder().decode(await new Response(conn.readable).arrayBuffer())
    const [header, body] = text.split('\r\n\r\n')
    return { status: Number(header.split(' ')[1]), header: header.toLowerCase(), body }
  }
  try {
    for (const method of ['TRACE', 'TRACK', 'trace']) {
      for (const path of ['/functions/v1/echo', '/auth/v1/settings']) {
        const res = await raw(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1`)
        assert.equal(res.status, 405, `${method} ${path}`)
        assert.match(res.header, /\r\nallow: get, head, post, put, patch, delete, options\r\n/)
        assert.deepEqual(JSON.parse(res.body), { code: 405, message: 'Method Not Allowed' })
      }
    }
    assert.equal((await raw('CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443')).status, 405)

    for (
      const host of [
        'exa mple',
        'a:b:c',
        '[::1',
        'example.com:99999',
        'x:port',
        '%zz',
        'a/functions/v1/echo',
        'u@h',
      ]
    ) {
      const res = await raw(`GET /functions/v1/echo HTTP/1.1\r\nHost: ${host}`)
      assert.equal(res.status, 400, `Host: ${host}`)
      assert.deepEqual(JSON.parse(res.body), { code: 400, message: 'Invalid Host header' })
    }
    for (const host of ['127.0.0.1:8000', 'localhost', '[::1]:54321', 'my-app.example.com', 'ex%41mple']) {
      assert.equal(
        (await raw(`GET /functions/v1/echo HTTP/1.1\r\nHost: ${host}`)).status,
        200,
        `Host: ${host}`,
      )
    }
    assert.ok(
      lines.some((l) => /^GET \(invalid Host\) 400 \d+ms$/.test(l)),
      lines.join('\n'),
    )

    const post = async (body: BodyInit, type = 'application/json') => {
      const res = await fetch(`${base}/functions/v1/echo`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      })
      return { status: res.status, json: await res.json() }
    }
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
    assert.deepEqual(await post(nested(32)), { status: 200, json: { path: '/echo', bytes: 64 } })
    assert.deepEqual(await post(nested(33)), {
      status: 400,
      json: { code: 400, message: 'JSON body nested deeper than 32 levels' },
    })
    assert.deepEqual(await post(nested(10_000), 'application/vnd.api+json; charset=utf-8'), {
      status: 400,
      json: { code: 400, message: 'JSON body nested deeper than 32 levels' },
    })
    assert.equal((await post(nested(33), 'text/plain')).status, 200, 'only JSON bodies are parsed as JSON')

    const limit = 12 * 1024 * 1024
    assert.deepEqual(await post(new Uint8Array(limit), 'application/octet-stream'), {
      status: 200,
      json: { path: '/echo', bytes: limit },
    })
    const tooLarge = {
      status: 413,
      json: { code: 413, message: `Request body is larger than ${limit} bytes` },
    }
    assert.deepEqual(await post(new Uint8Array(limit + 1), 'application/octet-stream'), tooLarge)
    // Chunked, without a Content-Length to refuse it by: counted as it arrives.
    const chunks = ReadableStream.from([new Uint8Array(limit), new Uint8Array(1)])
    assert.deepEqual(await post(chunks, 'application/octet-stream'), tooLarge)
  } finally {
    await server.shutdown()
    await gateway.stop()
    await auth.stop()
    await Deno.remove(dir, { recursive: true })
  }
})
