/**
 * The local disk store, and its signed URLs served by a real gateway over loopback HTTP (scripts/gateway.ts
 * with the functions' core deps, a clock the test moves): bytes and content type, Range and HEAD, expired,
 * forged and misplaced tokens, missing objects, traversal. The auth server is not involved in these routes.
 */
import assert from 'node:assert/strict'
import { createGateway } from '../../../../scripts/gateway.ts'
import type { CoreDeps } from '../deps.ts'
import { loadEnv } from '../env.ts'
import { createRecordingStore, recordingPath } from '../storage.ts'

const KEY = crypto.getRandomValues(new Uint8Array(32))

async function withLocalStore(
  fn: (ctx: {
    store: ReturnType<typeof createRecordingStore>
    dir: string
    base: string
    clock: { offsetMs: number }
  }) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: 'switchboard-storage-test-' })
  const clock = { offsetMs: 0 }
  const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 })
  const base = `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`
  listener.close()
  const env = {
    SUPABASE_URL: base,
    SUPABASE_DB_URL: 'postgres://unused@127.0.0.1:1/db',
    APP_ENCRYPTION_KEY: `k1:${btoa(String.fromCharCode(...KEY))}`,
    LOCAL_STORAGE_DIR: dir,
  }
  const core = {
    env: loadEnv(env),
    clock: { now: () => new Date(Date.now() + clock.offsetMs) },
    db: { end: () => Promise.resolve() },
  } as unknown as CoreDeps
  const gateway = createGateway({
    auth: {
      handler: () => Promise.resolve(new Response(null, { status: 404 })),
      verifyJwt: () => Promise.reject(),
    },
    env,
    buildDeps: () => core,
  })
  const server = Deno.serve(
    { hostname: '127.0.0.1', port: Number(new URL(base).port), onListen: () => {} },
    gateway.handler,
  )
  try {
    await fn({ store: createRecordingStore(core, env), dir, base, clock })
  } finally {
    await server.shutdown()
    await gateway.stop()
    await Deno.remove(dir, { recursive: true })
  }
}

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 13 + 5) % 256)

Deno.test('local store: put (bytes and stream), read with its type, overwrite, idempotent delete', async () => {
  await withLocalStore(async ({ store, dir }) => {
    assert.equal(store.kind, 'local')
    const path = recordingPath(crypto.randomUUID(), crypto.randomUUID(), 'wav')
    await store.put(path, bytes(3000), 'audio/wav')
    assert.deepEqual(await store.read(path), { body: bytes(3000), contentType: 'audio/wav' })
    assert.deepEqual(JSON.parse(await Deno.readTextFile(`${dir}/${path}.meta.json`)), {
      contentType: 'audio/wav',
    })

    await store.put(path, new Blob([bytes(5000)]).stream(), 'audio/mpeg')
    assert.deepEqual(await store.read(path), { body: bytes(5000), contentType: 'audio/mpeg' })
    assert.deepEqual([...Deno.readDirSync(`${dir}/.tmp`)], [], 'no temporary file left behind')

    await store.delete(path)
    assert.equal(await store.read(path), null)
    await store.delete(path)
    await assert.rejects(Deno.stat(`${dir}/${path}.meta.json`), Deno.errors.NotFound)
  })
})

Deno.test('local store: paths that could leave the folder or hit a sidecar are refused', async () => {
  await withLocalStore(async ({ store }) => {
    for (
      const path of [
        '../x.wav',
        'recordings/../../x.wav',
        '/etc/passwd',
        'a//b.wav',
        '.tmp/x',
        'a/.x',
        'a.wav.meta.json',
        'a b.wav',
        'é.wav',
        '',
      ]
    ) {
      await assert.rejects(store.put(path, bytes(1), 'audio/wav'), RangeError, path)
      await assert.rejects(store.read(path), RangeError, path)
      await assert.rejects(store.signedUrl(path, 60), RangeError, path)
    }
    assert.throws(() => recordingPath('../t', 'c', 'wav'), RangeError)
    assert.throws(() => recordingPath('t', 'c', 'WAV/x'), RangeError)
  })
})

Deno.test('local store: the gateway plays a signed URL, ranged and HEAD too', async () => {
  await withLocalStore(async ({ store, base }) => {
    const path = recordingPath(crypto.randomUUID(), crypto.randomUUID(), 'wav')
    const audio = bytes(200_000)
    await store.put(path, audio, 'audio/wav')
    const before = Math.floor(Date.now() / 1000)
    const { url, expiresAt } = await store.signedUrl(path, 600)
    assert.match(url, new RegExp(`^${base}/storage/v1/local/${path}\\?expires=\\d+&token=[\\w-]{43}$`))
    assert.ok(Math.abs(expiresAt.getTime() / 1000 - (before + 600)) <= 1)

    const whole = await fetch(url)
    assert.equal(whole.status, 200)
    assert.equal(whole.headers.get('content-type'), 'audio/wav')
    assert.equal(whole.headers.get('accept-ranges'), 'bytes')
    assert.equal(whole.headers.get('content-length'), '200000')
    assert.deepEqual(new Uint8Array(await whole.arrayBuffer()), audio)

    const ranged = await fetch(url, { headers: { range: 'bytes=100000-100099' } })
    assert.equal(ranged.status, 206)
    assert.equal(ranged.headers.get('content-range'), 'bytes 100000-100099/200000')
    assert.deepEqual(new Uint8Array(await ranged.arrayBuffer()), audio.slice(100_000, 100_100))

    const suffix = await fetch(url, { headers: { range: 'bytes=-10' } })
    assert.equal(suffix.status, 206)
    assert.deepEqual(new Uint8Array(await suffix.arrayBuffer()), audio.slice(-10))

    const open = await fetch(url, { headers: { range: 'bytes=199990-' } })
    assert.equal(open.headers.get('content-range'), 'bytes 199990-199999/200000')
    assert.deepEqual(new Uint8Array(await open.arrayBuffer()), audio.slice(199_990))

    const beyond = await fetch(url, { headers: { range: 'bytes=200000-' } })
    await beyond.body?.cancel()
    assert.equal(beyond.status, 416)
    assert.equal(beyond.headers.get('content-range'), 'bytes */200000')

    const head = await fetch(url, { method: 'HEAD' })
    assert.equal(head.status, 200)
    assert.equal(head.headers.get('content-length'), '200000')
    assert.equal(await head.text(), '')

    const post = await fetch(url, { method: 'POST' })
    await post.body?.cancel()
    assert.equal(post.status, 405)
  })
})

Deno.test('local store: expired, forged and misplaced tokens are 403, a missing object 404', async () => {
  await withLocalStore(async ({ store, base, clock }) => {
    const path = recordingPath(crypto.randomUUID(), crypto.randomUUID(), 'wav')
    await store.put(path, bytes(10), 'audio/wav')
    const { url } = await store.signedUrl(path, 60)
    const status = async (target: string | URL) => {
      const res = await fetch(target)
      await res.body?.cancel()
      return res.status
    }

    clock.offsetMs = 61_000
    const expired = await fetch(url)
    assert.equal(expired.status, 403)
    assert.equal((await expired.json()).message, 'Signature expired')
    clock.offsetMs = 0
    assert.equal(await status(url), 200)

    const forged = new URL(url)
    const token = forged.searchParams.get('token')!
    forged.searchParams.set('token', (token[0] === 'A' ? 'B' : 'A') + token.slice(1))
    assert.equal(await status(forged), 403)

    const extended = new URL(url)
    extended.searchParams.set('expires', String(Number(extended.searchParams.get('expires')) + 3600))
    assert.equal(await status(extended), 403, 'the expiry is signed')

    const other = recordingPath(crypto.randomUUID(), crypto.randomUUID(), 'wav')
    await store.put(other, bytes(10), 'audio/wav')
    assert.equal(await status(url.replace(path, other)), 403, 'the path is signed')

    // A token made with APP_ENCRYPTION_KEY itself is not valid: URLs are signed under a derived key.
    const rawKey = await crypto.subtle.importKey('raw', KEY, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ])
    const expires = new URL(url).searchParams.get('expires')!
    const rawMac = await crypto.subtle.sign('HMAC', rawKey, new TextEncoder().encode(`${path}\n${expires}`))
    const rawToken = btoa(String.fromCharCode(...new Uint8Array(rawMac))).replace(/\+/g, '-').replace(
      /\//g,
      '_',
    )
      .replace(/=+$/, '')
    assert.equal(await status(`${base}/storage/v1/local/${path}?expires=${expires}&token=${rawToken}`), 403)

    for (const query of ['', '?expires=abc&token=x', `?expires=${expires}`]) {
      assert.equal(await status(`${base}/storage/v1/local/${path}${query}`), 403, query)
    }

    await store.delete(path)
    assert.equal(await status(url), 404)
    const missing = await store.signedUrl(recordingPath('t', 'never-stored', 'wav'), 60)
    assert.equal(await status(missing.url), 404)
  })
})

Deno.test('local store: traversal through the URL never reaches a file', async () => {
  await withLocalStore(async ({ store, dir, base }) => {
    await Deno.writeTextFile(`${dir}/../switchboard-outside-${dir.split('/').pop()}.txt`, 'secret')
    try {
      const path = recordingPath('t', 'c', 'wav')
      await store.put(path, bytes(10), 'audio/wav')
      const { url } = await store.signedUrl(path, 60)
      const query = new URL(url).search
      const outside = `switchboard-outside-${dir.split('/').pop()}.txt`
      for (
        const attempt of [`..%2F${outside}`, `%2e%2e/${outside}`, `recordings%2F..%2F..%2F${outside}`, `.tmp`]
      ) {
        const res = await fetch(`${base}/storage/v1/local/${attempt}${query}`)
        const body = await res.text()
        assert.ok(res.status === 403 || res.status === 404, `${attempt}: ${res.status}`)
        assert.ok(!body.includes('secret'), attempt)
      }
    } finally {
      await Deno.remove(`${dir}/../switchboard-outside-${dir.split('/').pop()}.txt`)
    }
  })
})

Deno.test({
  name: 'local store: the stack (npm test) stores under LOCAL_STORAGE_DIR and its gateway plays the URLs',
  ignore: !Deno.env.get('LOCAL_STORAGE_DIR'),
  async fn() {
    const env = Deno.env.toObject()
    const store = createRecordingStore({ env: loadEnv(env), clock: { now: () => new Date() } }, env)
    assert.equal(store.kind, 'local')
    const path = recordingPath(crypto.randomUUID(), crypto.randomUUID(), 'mp3')
    await store.put(path, bytes(1234), 'audio/mpeg')
    try {
      const { url } = await store.signedUrl(path, 60)
      assert.ok(url.startsWith(`${env.SUPABASE_URL}/storage/v1/local/`), url)
      const res = await fetch(url, { headers: { range: 'bytes=0-9' } })
      assert.equal(res.status, 206)
      assert.equal(res.headers.get('content-type'), 'audio/mpeg')
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes(1234).slice(0, 10))
    } finally {
      await store.delete(path)
    }
  },
})
