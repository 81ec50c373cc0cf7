/**
 * The GCS stand-in with the real @google-cloud/storage client: the object calls the recording store relies
 * on, both upload protocols (a resumable upload in several chunks too), the hashes the client checks, the
 * XML errors of signed URLs, injected failures, and a restart on the same data folder.
 */
import assert from 'node:assert/strict'
import { Storage } from '@google-cloud/storage'
import { createGcsStore } from '../../supabase/functions/_shared/storage/gcs.ts'
import { crc32c, crc32cBase64, md5Base64 } from './gcs/hashes.ts'
import { failNextUploads, type GcsSandbox, listSandboxObjects, startGcsSandbox } from './gcs.ts'

/** The client as for any emulator: no credentials, as it sends no token to a custom endpoint. */
function client(sandbox: GcsSandbox) {
  return new Storage({
    apiEndpoint: sandbox.url,
    projectId: 'switchboard-local',
    retryOptions: { maxRetries: 0 },
  })
    .bucket(sandbox.bucket)
}

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251)

Deno.test('GCS sandbox: CRC32C is Castagnoli, sent as 4 big-endian bytes in base64', () => {
  assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283)
  assert.equal(crc32cBase64(new TextEncoder().encode('123456789')), btoa('\xe3\x06\x92\x83'))
  assert.equal(md5Base64(new Uint8Array()), '1B2M2Y8AsgTpgAmY7PhCfg==')
})

Deno.test('GCS sandbox: save, exists, getMetadata, download, delete through the real client', async () => {
  const sandbox = await startGcsSandbox()
  try {
    const bucket = client(sandbox)
    const data = bytes(40_000)
    const multipart = bucket.file('recordings/t1/a.wav')
    await multipart.save(data, { contentType: 'audio/wav', resumable: false })
    const resumable = bucket.file('recordings/t1/b.mp3')
    await resumable.save(bytes(30_000, 7), { contentType: 'audio/mpeg', resumable: true })

    assert.deepEqual(await multipart.exists(), [true])
    const [metadata] = await multipart.getMetadata()
    assert.equal(metadata.contentType, 'audio/wav')
    assert.equal(metadata.size, '40000')
    assert.equal(metadata.md5Hash, md5Base64(data))
    assert.equal(metadata.crc32c, crc32cBase64(data))
    assert.match(String(metadata.generation), /^\d+$/)

    // The client checks the downloaded bytes against x-goog-hash, MD5 when asked.
    const [downloaded] = await multipart.download({ validation: 'md5' })
    assert.deepEqual(new Uint8Array(downloaded), data)
    const [tail] = await multipart.download({ start: 39_990 })
    assert.deepEqual(new Uint8Array(tail), data.slice(39_990))

    assert.deepEqual((await listSandboxObjects(sandbox.url, 'recordings/t1/')).map((o) => o.name), [
      'recordings/t1/a.wav',
      'recordings/t1/b.mp3',
    ])
    const [files] = await bucket.getFiles({ prefix: 'recordings/t1/' })
    assert.deepEqual(files.map((f) => f.name), ['recordings/t1/a.wav', 'recordings/t1/b.mp3'])

    await multipart.delete()
    assert.deepEqual(await multipart.exists(), [false])
    await multipart.delete({ ignoreNotFound: true })
    await assert.rejects(multipart.delete(), (e: { code?: number }) => e.code === 404)
    await assert.rejects(multipart.download(), (e: { code?: number }) => e.code === 404)
  } finally {
    await sandbox.stop()
  }
})

Deno.test('GCS sandbox: a resumable upload in several chunks, and a session resumed after a status query', async () => {
  const sandbox = await startGcsSandbox()
  try {
    const bucket = client(sandbox)
    const data = bytes(600 * 1024, 3)
    // The smallest chunk the client accepts is 256 KiB: three requests, the first two answered 308.
    await bucket.file('chunked.wav').save(data, {
      contentType: 'audio/wav',
      resumable: true,
      chunkSize: 256 * 1024,
    })
    const [downloaded] = await bucket.file('chunked.wav').download()
    assert.deepEqual(new Uint8Array(downloaded), data)

    // By hand: open, send half, ask how far it got, send the rest.
    const open = await fetch(
      `${sandbox.url}/upload/storage/v1/b/${sandbox.bucket}/o?uploadType=resumable&name=by-hand`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-upload-content-type': 'audio/wav' },
        body: '{}',
      },
    )
    await open.body?.cancel()
    const session = open.headers.get('location')!
    const first = await fetch(session, {
      method: 'PUT',
      headers: { 'content-range': 'bytes 0-99/200' },
      body: data.slice(0, 100),
    })
    await first.body?.cancel()
    assert.equal(first.status, 308)
    assert.equal(first.headers.get('range'), 'bytes=0-99')
    const status = await fetch(session, { method: 'PUT', headers: { 'content-range': 'bytes */200' } })
    await status.body?.cancel()
    assert.deepEqual([status.status, status.headers.get('range')], [308, 'bytes=0-99'])
    const last = await fetch(session, {
      method: 'PUT',
      headers: {
        'content-range': 'bytes 100-199/200',
        'x-goog-hash': `crc32c=${crc32cBase64(data.slice(0, 200))}`,
      },
      body: data.slice(100, 200),
    })
    const resource = await last.json()
    assert.equal(last.status, 200)
    assert.equal(resource.size, '200')
    assert.equal(resource.contentType, 'audio/wav')
  } finally {
    await sandbox.stop()
  }
})

Deno.test('GCS sandbox: wrong hashes, unsigned reads, unknown buckets and injected failures', async () => {
  const sandbox = await startGcsSandbox()
  try {
    const bad = await fetch(
      `${sandbox.url}/upload/storage/v1/b/${sandbox.bucket}/o?uploadType=media&name=x`,
      {
        method: 'POST',
        headers: { 'content-type': 'audio/wav', 'x-goog-hash': `crc32c=${crc32cBase64(bytes(3))}` },
        body: bytes(4),
      },
    )
    assert.equal(bad.status, 400)
    assert.match((await bad.json()).error.message, /checksums do not match/)

    const bucket = client(sandbox)
    await bucket.file('a.wav').save(bytes(10), { contentType: 'audio/wav', resumable: false })
    const unsigned = await fetch(`${sandbox.url}/${sandbox.bucket}/a.wav`)
    assert.equal(unsigned.status, 403)
    assert.match(await unsigned.text(), /<Code>AccessDenied<\/Code>/)

    const other = await fetch(`${sandbox.url}/storage/v1/b/another-bucket/o/a.wav`)
    assert.equal(other.status, 404)
    assert.equal((await other.json()).error.message, 'The specified bucket does not exist.')

    await failNextUploads(sandbox.url, 1, 503)
    await assert.rejects(
      bucket.file('b.wav').save(bytes(10), { contentType: 'audio/wav', resumable: false }),
      (e: { code?: number }) => e.code === 503,
    )
    await bucket.file('b.wav').save(bytes(10), { contentType: 'audio/wav', resumable: false })
    assert.equal((await listSandboxObjects(sandbox.url, 'b.wav')).length, 1)
  } finally {
    await sandbox.stop()
  }
})

Deno.test('GCS sandbox: a restart on the same data folder keeps the objects and the signing key', async () => {
  const dataDir = await Deno.makeTempDir()
  try {
    const first = await startGcsSandbox({ dataDir })
    let url: string
    try {
      await client(first).file('recordings/t/kept.wav').save(bytes(1000), {
        contentType: 'audio/wav',
        resumable: false,
      })
      const store = createGcsStore({
        bucket: first.bucket,
        serviceAccount: JSON.parse(first.serviceAccountJson),
        apiEndpoint: first.url,
        clock: { now: () => new Date() },
      })
      url = (await store.signedUrl('recordings/t/kept.wav', 600)).url
    } finally {
      await first.stop()
    }
    const second = await startGcsSandbox({ dataDir, port: Number(new URL(url).port) })
    try {
      assert.equal(second.serviceAccountJson, first.serviceAccountJson)
      const res = await fetch(url)
      assert.equal(res.status, 200, await res.clone().text())
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes(1000))
      assert.equal(res.headers.get('content-type'), 'audio/wav')
    } finally {
      await second.stop()
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true })
  }
})
