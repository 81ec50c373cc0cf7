/**
 * A loopback stand-in for Google Cloud Storage, enough for the real @google-cloud/storage client pointed at
 * it with `apiEndpoint`: uploads (multipart, media, resumable: gcs/uploads.ts), object metadata, media
 * downloads (with `x-goog-hash`, which the client checks, and `Range`), deletes, lists, and V4 signed URLs
 * (`GET /<bucket>/<object>?X-Goog-Signature=…`, verified against the fake service account's public key:
 * gcs/signed-url.ts). One bucket; the JSON API is not authenticated, as the client sends no token to a custom
 * endpoint.
 *
 * For tests: `GET /sandbox/objects?prefix=` lists what is stored, `POST /sandbox/fail-next
 * {"count":1,"status":503}` makes the next uploads fail (the client does not retry an upload without a
 * precondition, so the caller sees the failure).
 */
import type { ServiceAccountKey } from '../../supabase/functions/_shared/storage/gcs.ts'
import { rangeResponse } from '../../supabase/functions/_shared/storage/range.ts'
import { jsonError, xmlError } from './gcs/errors.ts'
import { sandboxAccount } from './gcs/keys.ts'
import { objectResource, Objects, type StoredObject } from './gcs/objects.ts'
import { checkSignedUrl, isSignedUrl } from './gcs/signed-url.ts'
import { Uploads } from './gcs/uploads.ts'

export interface GcsSandboxOptions {
  /** 0 or absent: a free port. */
  port?: number
  /** Keep the key pair and the objects here across restarts; in memory when absent. */
  dataDir?: string
  /** Default `switchboard-recordings`. */
  bucket?: string
  /** Sign with this account instead of a generated one. */
  serviceAccount?: ServiceAccountKey
}

export interface GcsSandbox {
  url: string
  bucket: string
  /** The fake service account's key file (GCS_SERVICE_ACCOUNT_JSON). */
  serviceAccountJson: string
  stop(): Promise<void>
}

export async function startGcsSandbox(options: GcsSandboxOptions = {}): Promise<GcsSandbox> {
  const bucket = options.bucket ?? 'switchboard-recordings'
  const account = await sandboxAccount(options.serviceAccount, options.dataDir)
  const objects = await Objects.open(options.dataDir)
  const uploads = new Uploads(objects)
  const publicKeys = new Map([[account.clientEmail, account.publicKey]])
  const failures = { count: 0, status: 503 }

  const noBucket = () => jsonError(404, 'The specified bucket does not exist.')
  const noObject = (name: string) => jsonError(404, `No such object: ${bucket}/${name}`)

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url)
    const path = url.pathname
    let match: RegExpExecArray | null

    if (path === '/sandbox/objects' && req.method === 'GET') {
      const items = objects.list(url.searchParams.get('prefix') ?? '').map((o) => ({
        name: o.name,
        contentType: o.contentType,
        size: o.bytes.length,
        generation: o.generation,
        md5Hash: o.md5Hash,
        crc32c: o.crc32c,
      }))
      return Response.json({ items })
    }
    if (path === '/sandbox/fail-next' && req.method === 'POST') {
      const body = await req.json().catch(() => ({}))
      failures.count = Number.isInteger(body.count) ? body.count : 1
      failures.status = Number.isInteger(body.status) ? body.status : 503
      return Response.json(failures)
    }

    if ((match = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(path))) {
      if (match[1] !== bucket) return noBucket()
      if (failures.count > 0) {
        failures.count--
        return jsonError(failures.status, 'Backend Error (injected by POST /sandbox/fail-next)')
      }
      const result = req.method === 'POST'
        ? await uploads.start(req, url, bucket)
        : req.method === 'PUT'
        ? await uploads.resume(req, url)
        : jsonError(405, `${req.method} is not supported here`)
      return result instanceof Response ? result : Response.json(objectResource(result, bucket, url.origin))
    }

    if ((match = /^\/(download\/)?storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(path))) {
      if (match[2] !== bucket) return noBucket()
      const name = decodeURIComponent(match[3])
      const object = objects.get(name)
      const generation = url.searchParams.get('generation')
      if (!object || (generation !== null && generation !== object.generation)) return noObject(name)
      if (req.method === 'DELETE') {
        const precondition = url.searchParams.get('ifGenerationMatch')
        if (precondition !== null && precondition !== object.generation) {
          return jsonError(412, 'At least one of the pre-conditions you specified did not hold.')
        }
        await objects.delete(name)
        return new Response(null, { status: 204 })
      }
      if (req.method !== 'GET') return jsonError(405, `${req.method} is not supported here`)
      if (match[1] || url.searchParams.get('alt') === 'media') return media(req, object, {})
      return Response.json(objectResource(object, bucket, url.origin))
    }

    if ((match = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(path)) && req.method === 'GET') {
      if (match[1] !== bucket) return noBucket()
      const items = objects.list(url.searchParams.get('prefix') ?? '').map((o) =>
        objectResource(o, bucket, url.origin)
      )
      return Response.json({ kind: 'storage#objects', ...(items.length ? { items } : {}) })
    }

    if ((match = /^\/storage\/v1\/b\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      if (match[1] !== bucket) return noBucket()
      return Response.json({
        kind: 'storage#bucket',
        id: bucket,
        name: bucket,
        location: 'EU',
        storageClass: 'STANDARD',
      })
    }

    // The XML API's path style, `/<bucket>/<object>`: where signed URLs point.
    if ((match = /^\/([^/]+)\/(.+)$/.exec(path)) && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!isSignedUrl(url)) {
        return xmlError(
          403,
          'AccessDenied',
          'Access denied.',
          'Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object.',
        )
      }
      const refused = checkSignedUrl(req, url, publicKeys, new Date())
      if (refused) return refused
      const object = match[1] === bucket
        ? objects.get(match[2].split('/').map(decodeURIComponent).join('/'))
        : undefined
      if (!object) return xmlError(404, 'NoSuchKey', 'The specified key does not exist.')
      const overrides: Record<string, string> = {}
      const type = url.searchParams.get('response-content-type')
      const disposition = url.searchParams.get('response-content-disposition')
      if (type) overrides['content-type'] = type
      if (disposition) overrides['content-disposition'] = disposition
      return media(req, object, overrides)
    }

    return jsonError(404, 'Not Found')
  }

  return await new Promise((resolve, reject) => {
    try {
      const server = Deno.serve(
        {
          port: options.port ?? 0,
          hostname: '127.0.0.1',
          onListen: ({ port }) =>
            resolve({
              url: `http://127.0.0.1:${port}`,
              bucket,
              serviceAccountJson: account.json,
              stop: () => server.shutdown(),
            }),
        },
        (req) =>
          handle(req).catch((error) => {
            console.error('gcs sandbox:', error instanceof Error ? error.message : error)
            return jsonError(500, 'Internal Error')
          }),
      )
    } catch (error) {
      reject(error)
    }
  })
}

/** An object's bytes with the headers GCS sends (the client validates `x-goog-hash`); `Range` honoured. */
function media(req: Request, object: StoredObject, overrides: Record<string, string>): Response {
  const answer = rangeResponse(req.headers.get('range'), object.bytes.length)
  const headers = {
    ...answer.headers,
    'content-type': object.contentType,
    etag: `"${object.md5Hash}"`,
    'x-goog-hash': `crc32c=${object.crc32c},md5=${object.md5Hash}`,
    'x-goog-generation': object.generation,
    'x-goog-metageneration': '1',
    'x-goog-stored-content-encoding': 'identity',
    'x-goog-stored-content-length': String(object.bytes.length),
    ...overrides,
  }
  const body = req.method === 'HEAD' || !answer.slice
    ? null
    : object.bytes.slice(answer.slice.start, answer.slice.end + 1)
  return new Response(body, { status: answer.status, headers })
}

/** What the sandbox stores under `prefix` (tests). */
export async function listSandboxObjects(
  url: string,
  prefix = '',
): Promise<{ name: string; contentType: string; size: number; md5Hash: string; crc32c: string }[]> {
  const res = await fetch(`${url}/sandbox/objects?prefix=${encodeURIComponent(prefix)}`)
  if (!res.ok) throw new Error(`listSandboxObjects: ${res.status}`)
  return (await res.json()).items
}

/** Makes the next `count` upload requests answer `status` (tests). */
export async function failNextUploads(url: string, count = 1, status = 503): Promise<void> {
  const res = await fetch(`${url}/sandbox/fail-next`, {
    method: 'POST',
    body: JSON.stringify({ count, status }),
  })
  await res.body?.cancel()
  if (!res.ok) throw new Error(`failNextUploads: ${res.status}`)
}
