/**
 * The JSON API's uploads, as @google-cloud/storage sends them:
 *
 * - `POST /upload/storage/v1/b/<bucket>/o?uploadType=multipart`: a multipart/related body, the object's JSON
 *   metadata then its bytes (`file.save(bytes, { resumable: false })`);
 * - `uploadType=media&name=`: the bytes alone;
 * - `uploadType=resumable`: a POST opens a session (metadata in the body, the type in X-Upload-Content-Type)
 *   and answers its URI in `Location`; PUTs to it carry `Content-Range: bytes <first>-<last|*>/<total|*>`
 *   (a `*` last byte: this request ends the upload, as the client's single-request mode sends it), and
 *   `bytes *\/<total|*>` asks how far it got (308 with `Range` while incomplete).
 *
 * The final request's `X-Goog-Hash` (crc32c=…,md5=…) is checked against the bytes received (400 when they
 * differ), and every finished upload answers the object resource with its real md5Hash and crc32c: the
 * client compares them with its own and deletes an upload it finds corrupt.
 */
import { crc32cBase64, md5Base64 } from './hashes.ts'
import { jsonError } from './errors.ts'
import type { Objects, StoredObject } from './objects.ts'

interface Session {
  name: string
  contentType: string
  ifGenerationMatch: string | null
  chunks: Uint8Array[]
  received: number
}

const DEFAULT_TYPE = 'application/octet-stream'

export class Uploads {
  readonly #sessions = new Map<string, Session>()

  constructor(private readonly objects: Objects) {}

  /** A POST under /upload/: a whole object (multipart, media) or a new resumable session. */
  async start(req: Request, url: URL, bucket: string): Promise<Response | StoredObject> {
    const type = url.searchParams.get('uploadType')
    const body = new Uint8Array(await req.arrayBuffer())
    const precondition = url.searchParams.get('ifGenerationMatch')
    if (type === 'media') {
      const name = url.searchParams.get('name')
      if (!name) return jsonError(400, 'Required parameter: name')
      return await this.#finish(
        name,
        body,
        req.headers.get('content-type') ?? DEFAULT_TYPE,
        precondition,
        req,
      )
    }
    if (type === 'multipart') {
      const parts = multipartParts(body, req.headers.get('content-type') ?? '')
      if (!parts || parts.length !== 2) return jsonError(400, 'Invalid multipart request')
      const metadata = parseJson(parts[0].body)
      if (!metadata) return jsonError(400, 'Invalid multipart request: the first part must be JSON metadata')
      const name = url.searchParams.get('name') ?? (typeof metadata.name === 'string' ? metadata.name : null)
      if (!name) return jsonError(400, 'Required parameter: name')
      const contentType = typeof metadata.contentType === 'string'
        ? metadata.contentType
        : parts[1].contentType ?? DEFAULT_TYPE
      return await this.#finish(name, parts[1].body, contentType, precondition, req)
    }
    if (type === 'resumable') {
      const metadata = body.length ? parseJson(body) : {}
      if (!metadata) return jsonError(400, 'Invalid metadata: not JSON')
      const name = url.searchParams.get('name') ?? (typeof metadata.name === 'string' ? metadata.name : null)
      if (!name) return jsonError(400, 'Required parameter: name')
      const id = crypto.randomUUID().replace(/-/g, '')
      this.#sessions.set(id, {
        name,
        contentType: req.headers.get('x-upload-content-type') ??
          (typeof metadata.contentType === 'string' ? metadata.contentType : DEFAULT_TYPE),
        ifGenerationMatch: precondition,
        chunks: [],
        received: 0,
      })
      const location = new URL(`/upload/storage/v1/b/${bucket}/o`, url)
      location.search = new URLSearchParams({ uploadType: 'resumable', name, upload_id: id }).toString()
      return new Response(null, {
        status: 200,
        headers: { location: location.href, 'x-guploader-uploadid': id },
      })
    }
    return jsonError(400, `Invalid upload type: ${type}`)
  }

  /** A PUT to a resumable session's URI: a chunk (308 until the last) or a status query. */
  async resume(req: Request, url: URL): Promise<Response | StoredObject> {
    const id = url.searchParams.get('upload_id') ?? ''
    const session = this.#sessions.get(id)
    if (!session) return jsonError(404, 'No such upload session')
    const range = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(
      req.headers.get('content-range') ?? 'bytes */*',
    )
    if (!range) return jsonError(400, 'Invalid Content-Range')
    const [, first, last, total] = range
    const body = new Uint8Array(await req.arrayBuffer())
    if (first !== undefined) {
      const start = Number(first)
      if (start > session.received) {
        return jsonError(400, `Chunk starts at ${start}, ${session.received} received`)
      }
      // Bytes sent again after a lost response are ignored, as GCS does.
      const fresh = body.subarray(session.received - start)
      session.chunks.push(fresh)
      session.received += fresh.length
    }
    const complete = (first !== undefined && last === '*') ||
      (total !== '*' && session.received === Number(total))
    if (!complete) {
      const headers: Record<string, string> = session.received
        ? { range: `bytes=0-${session.received - 1}` }
        : {}
      return new Response(null, { status: 308, headers })
    }
    this.#sessions.delete(id)
    const bytes = concat(session.chunks, session.received)
    return await this.#finish(session.name, bytes, session.contentType, session.ifGenerationMatch, req)
  }

  async #finish(
    name: string,
    bytes: Uint8Array,
    contentType: string,
    ifGenerationMatch: string | null,
    req: Request,
  ): Promise<Response | StoredObject> {
    const claimed = hashHeader(req.headers.get('x-goog-hash'))
    if (
      (claimed.crc32c && claimed.crc32c !== crc32cBase64(bytes)) ||
      (claimed.md5 && claimed.md5 !== md5Base64(bytes))
    ) {
      return jsonError(400, 'Provided checksums do not match the uploaded data')
    }
    if (ifGenerationMatch !== null && (this.objects.get(name)?.generation ?? '0') !== ifGenerationMatch) {
      return jsonError(412, 'At least one of the pre-conditions you specified did not hold.')
    }
    return await this.objects.put(name, bytes, contentType)
  }
}

function hashHeader(header: string | null): { crc32c?: string; md5?: string } {
  const hashes: Record<string, string> = {}
  for (const pair of (header ?? '').split(',')) {
    const at = pair.indexOf('=')
    if (at > 0) hashes[pair.slice(0, at).trim()] = pair.slice(at + 1).trim()
  }
  return hashes
}

function parseJson(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes))
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/** The parts of a multipart/related body (RFC 2046): each one's Content-Type and bytes. */
function multipartParts(body: Uint8Array, contentType: string) {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (!/^multipart\/related/i.test(contentType) || !boundary) return null
  const delimiter = new TextEncoder().encode(`--${boundary}`)
  const parts: { contentType?: string; body: Uint8Array }[] = []
  let at = indexOf(body, delimiter, 0)
  while (at >= 0) {
    const after = at + delimiter.length
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return parts // the closing `--boundary--`
    const headerEnd = indexOf(body, CRLF_CRLF, after)
    const next = indexOf(body, delimiter, after)
    if (headerEnd < 0 || next < 0 || headerEnd > next) return null
    const headers = new TextDecoder().decode(body.subarray(after, headerEnd))
    // The part's bytes end before the CRLF that precedes the next delimiter.
    const end = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next
    parts.push({
      contentType: /^content-type:\s*(.+)$/im.exec(headers)?.[1].trim(),
      body: body.subarray(headerEnd + 4, end),
    })
    at = next
  }
  return null
}

const CRLF_CRLF = new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a])

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}
