/**
 * Recordings on local disk, for the local stack and self-hosting without Google Cloud Storage. Objects live
 * under LOCAL_STORAGE_DIR with their content type in a `<path>.meta.json` sidecar; writes go to a temporary
 * file first and are renamed into place, so a reader never sees half an object.
 *
 * Playback URLs imitate signed URLs: `${SUPABASE_URL}/storage/v1/local/<path>?expires=<unix s>&token=<mac>`,
 * the MAC an HMAC-SHA256 over the path and expiry under a key derived from APP_ENCRYPTION_KEY (never the key
 * itself, so a leaked URL token says nothing about the key that seals credentials). The gateway serves them
 * with serveLocalObject.
 */
import { dirname } from 'node:path'
import type { Clock } from '../deps.ts'
import type { EncryptionKey, Env, EnvSource } from '../env.ts'
import { rangeResponse } from './range.ts'
import { checkContentType, checkPath, checkTtl, type RecordingStore } from './types.ts'

export const LOCAL_URL_PREFIX = '/storage/v1/local/'

export interface LocalStoreOptions {
  /** LOCAL_STORAGE_DIR. */
  dir: string
  /** SUPABASE_URL: where the gateway serves the URLs. */
  baseUrl: string
  /** The first key of APP_ENCRYPTION_KEY; URL tokens are signed under a key derived from it. */
  encryptionKey: EncryptionKey
  clock: Clock
}

const DEFAULT_TYPE = 'application/octet-stream'
// Fixed: a new label (or key) invalidates every URL minted before, which live minutes only.
const URL_KEY_LABEL = 'switchboard/local-storage-url/v1'
const urlKeys = new WeakMap<EncryptionKey, Promise<CryptoKey>>()

/** The URL-signing key: HMAC-SHA256(APP_ENCRYPTION_KEY's first key, a fixed label), derived once. */
function urlKey(encryptionKey: EncryptionKey): Promise<CryptoKey> {
  let key = urlKeys.get(encryptionKey)
  if (!key) {
    key = (async () => {
      const root = await crypto.subtle.importKey(
        'raw',
        encryptionKey.bytes,
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      )
      const derived = await crypto.subtle.sign('HMAC', root, new TextEncoder().encode(URL_KEY_LABEL))
      return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ])
    })()
    urlKeys.set(encryptionKey, key)
  }
  return key
}

const signedData = (path: string, expires: number) => new TextEncoder().encode(`${path}\n${expires}`)

function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_')
    .replace(/=+$/, '')
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return null
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='), (c) => c.charCodeAt(0))
}

const objectFile = (dir: string, path: string) => `${dir}/${path}`
const metaFile = (dir: string, path: string) => `${dir}/${path}.meta.json`

/** Writes `data` to `target` through a temporary file and a rename (atomic on one filesystem). */
async function writeAtomically(dir: string, target: string, data: Uint8Array | ReadableStream<Uint8Array>) {
  const tmpDir = `${dir}/.tmp`
  await Deno.mkdir(tmpDir, { recursive: true })
  await Deno.mkdir(dirname(target), { recursive: true })
  const tmp = `${tmpDir}/${crypto.randomUUID()}`
  try {
    await Deno.writeFile(tmp, data)
    await Deno.rename(tmp, target)
  } catch (error) {
    await Deno.remove(tmp).catch(() => {})
    throw error
  }
}

async function storedType(dir: string, path: string): Promise<string> {
  try {
    const meta = JSON.parse(await Deno.readTextFile(metaFile(dir, path)))
    return typeof meta.contentType === 'string' ? meta.contentType : DEFAULT_TYPE
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return DEFAULT_TYPE
    throw error
  }
}

export function createLocalStore(options: LocalStoreOptions): RecordingStore {
  const { dir } = options
  return {
    kind: 'local',
    async put(path, body, contentType) {
      checkPath(path)
      checkContentType(contentType)
      await writeAtomically(dir, objectFile(dir, path), body)
      await writeAtomically(
        dir,
        metaFile(dir, path),
        new TextEncoder().encode(JSON.stringify({ contentType })),
      )
    },
    async signedUrl(path, ttlSeconds) {
      checkPath(path)
      checkTtl(ttlSeconds)
      const expires = Math.floor(options.clock.now().getTime() / 1000) + ttlSeconds
      const mac = await crypto.subtle.sign(
        'HMAC',
        await urlKey(options.encryptionKey),
        signedData(path, expires),
      )
      return {
        url: `${options.baseUrl}${LOCAL_URL_PREFIX}${path}?expires=${expires}&token=${base64url(mac)}`,
        expiresAt: new Date(expires * 1000),
      }
    },
    async read(path) {
      checkPath(path)
      let body: Uint8Array
      try {
        body = await Deno.readFile(objectFile(dir, path))
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return null
        throw error
      }
      return { body, contentType: await storedType(dir, path) }
    },
    async delete(path) {
      checkPath(path)
      for (const file of [objectFile(dir, path), metaFile(dir, path)]) {
        await Deno.remove(file).catch((error) => {
          if (!(error instanceof Deno.errors.NotFound)) throw error
        })
      }
    },
  }
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'accept-ranges, content-length, content-range',
}

function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ code: status, message }, { status, headers: { ...CORS, ...headers } })
}

/**
 * Serves `GET`/`HEAD ${LOCAL_URL_PREFIX}<path>?expires=&token=` for the gateway, with the functions' core
 * deps and environment: 403 for a forged, malformed or expired token (the MAC is checked first, in constant
 * time by WebCrypto's verify), 404 for a missing object (or no LOCAL_STORAGE_DIR), the bytes with their
 * stored content type otherwise, one `Range` honoured (206/416).
 */
export async function serveLocalObject(
  req: Request,
  core: { env: Pick<Env, 'APP_ENCRYPTION_KEY'>; clock: Clock },
  source: EnvSource,
): Promise<Response> {
  if (req.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: {
        ...CORS,
        'access-control-allow-methods': 'GET, HEAD',
        'access-control-allow-headers': 'range',
      },
    })
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return refuse(405, 'Method Not Allowed', { allow: 'GET, HEAD, OPTIONS' })
  }
  const dir = source.LOCAL_STORAGE_DIR
  if (!dir) return refuse(404, 'Local storage is not configured')
  const encryptionKey = core.env.APP_ENCRYPTION_KEY[0]
  const url = new URL(req.url)
  const path = url.pathname.slice(LOCAL_URL_PREFIX.length)
  try {
    checkPath(path)
  } catch {
    return refuse(404, 'Object not found')
  }
  const expires = url.searchParams.get('expires') ?? ''
  const mac = fromBase64url(url.searchParams.get('token') ?? '')
  if (!/^\d{1,12}$/.test(expires) || !mac) return refuse(403, 'Invalid signature')
  const genuine = await crypto.subtle.verify(
    'HMAC',
    await urlKey(encryptionKey),
    mac,
    signedData(path, Number(expires)),
  )
  if (!genuine) return refuse(403, 'Invalid signature')
  const remaining = Number(expires) - Math.floor(core.clock.now().getTime() / 1000)
  if (remaining <= 0) return refuse(403, 'Signature expired')

  let file: Deno.FsFile
  try {
    file = await Deno.open(objectFile(dir, path))
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return refuse(404, 'Object not found')
    throw error
  }
  const { size } = await file.stat()
  const answer = rangeResponse(req.headers.get('range'), size)
  const headers = {
    ...CORS,
    ...answer.headers,
    'content-type': await storedType(dir, path),
    'cache-control': `private, max-age=${remaining}`,
    'x-content-type-options': 'nosniff',
  }
  if (req.method === 'HEAD' || !answer.slice || size === 0) {
    file.close()
    return new Response(null, { status: answer.status, headers })
  }
  return new Response(fileSlice(file, answer.slice.start, answer.slice.end), {
    status: answer.status,
    headers,
  })
}

/** Bytes `start`..`end` (inclusive) of an open file, streamed; the file is closed at the end or on cancel. */
function fileSlice(file: Deno.FsFile, start: number, end: number): ReadableStream<Uint8Array> {
  let left = end - start + 1
  let positioned = false
  return new ReadableStream({
    async pull(controller) {
      try {
        if (!positioned) {
          await file.seek(start, Deno.SeekMode.Start)
          positioned = true
        }
        const buffer = new Uint8Array(Math.min(left, 64 * 1024))
        const read = await file.read(buffer)
        if (read === null) throw new Error('file shrank while being served')
        left -= read
        controller.enqueue(buffer.subarray(0, read))
        if (left === 0) {
          file.close()
          controller.close()
        }
      } catch (error) {
        file.close()
        controller.error(error)
      }
    },
    cancel() {
      file.close()
    },
  })
}
