/**
 * What every recording store shares: the interface the functions and jobs use, and the checks both
 * implementations apply to what they are given.
 */

export interface RecordingStore {
  readonly kind: 'gcs' | 'local'
  /** Writes the object (content type kept); overwrites. */
  put(path: string, body: Uint8Array | ReadableStream<Uint8Array>, contentType: string): Promise<void>
  /** A URL that plays/downloads the object until `expiresAt` (V4 signed URL on GCS). */
  signedUrl(path: string, ttlSeconds: number): Promise<{ url: string; expiresAt: Date }>
  /** The object's bytes and content type (zip export); null when absent. */
  read(path: string): Promise<{ body: Uint8Array; contentType: string } | null>
  /** Idempotent: deleting a missing object is not an error. */
  delete(path: string): Promise<void>
}

/** The longest a signed URL may live: GCS refuses V4 signatures valid for more than seven days. */
export const MAX_URL_TTL_SECONDS = 7 * 24 * 3600

// Segments of safe characters, none starting with a dot (no `.`, `..`, nor the local store's own files).
const PATH = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(?:\s*;\s*[\w.+-]+=[\w.+-]+)*$/

/** Throws unless `path` is a safe object path (see PATH); programming errors, so plain RangeErrors. */
export function checkPath(path: string): void {
  if (path.length > 1024 || !PATH.test(path) || path.endsWith('.meta.json')) {
    throw new RangeError(`invalid object path: ${JSON.stringify(path.slice(0, 100))}`)
  }
}

export function checkContentType(contentType: string): void {
  if (!CONTENT_TYPE.test(contentType)) throw new RangeError('invalid content type')
}

export function checkTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_URL_TTL_SECONDS) {
    throw new RangeError(`ttlSeconds must be an integer from 1 to ${MAX_URL_TTL_SECONDS}`)
  }
}
