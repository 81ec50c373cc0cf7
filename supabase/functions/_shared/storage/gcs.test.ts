/**
 * The GCS recording store through the real @google-cloud/storage client against the loopback stand-in
 * (scripts/sandbox/gcs.ts): uploads both ways, reads, V4 signed URLs fetched over HTTP (whole, ranged,
 * expired, forged), idempotent deletes, and an upload the stand-in refuses.
 */
import assert from 'node:assert/strict'
import { failNextUploads, listSandboxObjects, startGcsSandbox } from '../../../../scripts/sandbox/gcs.ts'
import { createRecordingStore, recordingPath } from '../storage.ts'
import { loadEnv } from '../env.ts'

const core = () => ({
  env: loadEnv({
    SUPABASE_URL: 'http://127.0.0.1:1',
    SUPABASE_DB_URL: 'postgres://unused@127.0.0.1:1/db',
    APP_ENCRYPTION_KEY: `k1:${btoa('k'.repeat(32))}`,
  }),
  clock: { now: () => new Date() },
})

async function withGcs(
  fn: (
    ctx: { store: ReturnType<typeof createRecordingStore>; url: string; env: Record<string, string> },
  ) => Promise<void>,
) {
  const sandbox = await startGcsSandbox()
  const env = {
    GCS_BUCKET: sandbox.bucket,
    GCS_SERVICE_ACCOUNT_JSON: sandbox.serviceAccountJson,
    GCS_API_ENDPOINT: sandbox.url,
  }
  try {
    await fn({ store: createRecordingStore(core(), env), url: sandbox.url, env })
  } finally {
    await sandbox.stop()
  }
}

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) % 256)

function streamOf(data: Uint8Array, chunk = 1000): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) return controller.close()
      controller.enqueue(data.slice(offset, offset + chunk))
      offset += chunk
    },
  })
}

Deno.test('GCS store: put (bytes and stream), read, content type, and the stand-in holds the real hashes', async () => {
  await withGcs(async ({ store, url }) => {
    assert.equal(store.kind, 'gcs')
    const path = recordingPath(crypto.randomUUID(), crypto.randomUUID(), 'wav')
    const audio = bytes(50_000)
    await store.put(path, audio, 'audio/wav')
    assert.deepEqual(await store.read(path), { body: audio, contentType: 'audio/wav' })

    // Overwrite with a stream (a resumable upload) of another type.
    const mp3 = bytes(70_001).reverse()
    await store.put(path, streamOf(mp3), 'audio/mpeg')
    assert.deepEqual(await store.read(path), { body: mp3, contentType: 'audio/mpeg' })

    const [stored] = await listSandboxObjects(url, path)
    assert.equal(stored.size, mp3.length)
    assert.equal(stored.contentType, 'audio/mpeg')

    assert.equal(await store.read(recordingPath('t', 'missing', 'wav')), null)
  })
})

Deno.test('GCS store: a V4 signed URL plays the object, ranged too; expired and forged ones are refused', async () => {
  await withGcs(async ({ store, env }) => {
    const path = recordingPath(crypto.randomUUID(), crypto.randomUUID(), 'wav')
    const audio = bytes(10_000)
    await store.put(path, audio, 'audio/wav')

    const before = Date.now()
    const { url, expiresAt } = await store.signedUrl(path, 300)
    assert.ok(Math.abs(expiresAt.getTime() - (before + 300_000)) < 2000, expiresAt.toISOString())
    assert.match(url, /X-Goog-Algorithm=GOOG4-RSA-SHA256/)
    assert.match(url, /X-Goog-Expires=300&/)
    assert.ok(url.startsWith(`${env.GCS_API_ENDPOINT}/${env.GCS_BUCKET}/${path}?`), url)
    assert.ok(!url.includes('PRIVATE'), 'no key material in the URL')

    const whole = await fetch(url)
    assert.equal(whole.status, 200)
    assert.equal(whole.headers.get('content-type'), 'audio/wav')
    assert.deepEqual(new Uint8Array(await whole.arrayBuffer()), audio)

    const ranged = await fetch(url, { headers: { range: 'bytes=1000-1999' } })
    assert.equal(ranged.status, 206)
    assert.equal(ranged.headers.get('content-range'), 'bytes 1000-1999/10000')
    assert.deepEqual(new Uint8Array(await ranged.arrayBuffer()), audio.slice(1000, 2000))

    // The client refuses to sign for a past expiry: one second, then wait it out.
    const shortLived = await store.signedUrl(path, 1)
    await new Promise((resolve) => setTimeout(resolve, shortLived.expiresAt.getTime() - Date.now() + 50))
    const expired = await fetch(shortLived.url)
    assert.equal(expired.status, 400)
    assert.match(await expired.text(), /<Code>ExpiredToken<\/Code>/)

    const forgedUrl = new URL(url)
    const signature = forgedUrl.searchParams.get('X-Goog-Signature')!
    forgedUrl.searchParams.set('X-Goog-Signature', (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1))
    const forged = await fetch(forgedUrl)
    assert.equal(forged.status, 403)
    assert.match(await forged.text(), /<Code>SignatureDoesNotMatch<\/Code>/)

    // The signature covers the object: the same query on another path is refused.
    const other = recordingPath(crypto.randomUUID(), crypto.randomUUID(), 'wav')
    await store.put(other, audio, 'audio/wav')
    const moved = await fetch(url.replace(path, other))
    assert.equal(moved.status, 403)
    await moved.body?.cancel()
  })
})

Deno.test('GCS store: delete is idempotent; a refused upload throws and the next one succeeds', async () => {
  await withGcs(async ({ store, url }) => {
    const path = recordingPath(crypto.randomUUID(), crypto.randomUUID(), 'wav')
    await store.put(path, bytes(100), 'audio/wav')
    await store.delete(path)
    assert.equal(await store.read(path), null)
    await store.delete(path)
    assert.deepEqual(await listSandboxObjects(url, path), [])

    await failNextUploads(url)
    await assert.rejects(store.put(path, bytes(100), 'audio/wav'))
    await store.put(path, bytes(100), 'audio/wav')
    assert.equal((await store.read(path))?.body.length, 100)
  })
})

Deno.test('GCS store: bad paths, types and lifetimes are refused before any request', async () => {
  await withGcs(async ({ store }) => {
    await assert.rejects(store.put('recordings/../x.wav', bytes(1), 'audio/wav'), RangeError)
    await assert.rejects(store.put('recordings/a.wav', bytes(1), 'audio/wav\r\nx: y'), RangeError)
    await assert.rejects(store.signedUrl('recordings/a.wav', 0), RangeError)
    await assert.rejects(store.signedUrl('recordings/a.wav', 8 * 24 * 3600), RangeError)
  })
})
