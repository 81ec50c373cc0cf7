/**
 * Recordings in a Google Cloud Storage bucket through the official client. Playback URLs are V4 signed URLs
 * computed offline from the service account's key (no request to Google per URL). With `apiEndpoint` (the
 * loopback stand-in, scripts/sandbox/gcs.ts) the client sends its JSON API requests there unauthenticated, as
 * it does for any emulator, and signs URLs for that host: the library builds a signed URL on `apiEndpoint`
 * unless given a `cname`/`host`, with the endpoint's hostname (without the port) as the signed `host` header.
 */
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { Storage } from '@google-cloud/storage'
import { type CredentialBody, GoogleAuth, JWT } from 'google-auth-library'
import type { Clock } from '../deps.ts'
import { checkContentType, checkPath, checkTtl, type RecordingStore } from './types.ts'

/** The fields of a service account key file the client uses. */
export interface ServiceAccountKey {
  client_email: string
  private_key: string
  project_id?: string
}

export interface GcsStoreOptions {
  bucket: string
  serviceAccount: ServiceAccountKey
  /** GCS_API_ENDPOINT: another JSON API host (the stand-in); Google's when absent. */
  apiEndpoint?: string
  clock: Clock
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 404
}

type CredentialsCallback = (error: Error | null, credentials?: CredentialBody) => void

/**
 * GoogleAuth over the service account's own JWT client (google-auth-library deprecates, with a warning on
 * every start, the `credentials` option that would otherwise carry the key). GoogleAuth only knows a JWT
 * client's email through that option, and the URL signer asks for it: answered here from the key file
 * (without its private key), which also spares the lookup of a GCE metadata server. Signing itself stays
 * GoogleAuth's, offline with the JWT client's key.
 */
class ServiceAccountAuth extends GoogleAuth {
  readonly #email: string

  constructor(key: ServiceAccountKey) {
    super({
      projectId: key.project_id,
      authClient: new JWT({
        email: key.client_email,
        key: key.private_key,
        scopes: ['https://www.googleapis.com/auth/devstorage.read_write'],
      }),
    })
    this.#email = key.client_email
  }

  override getCredentials(): Promise<CredentialBody>
  override getCredentials(callback: CredentialsCallback): void
  override getCredentials(callback?: CredentialsCallback): Promise<CredentialBody> | void {
    const credentials = { client_email: this.#email }
    if (!callback) return Promise.resolve(credentials)
    callback(null, credentials)
  }
}

export function createGcsStore(options: GcsStoreOptions): RecordingStore {
  const { serviceAccount } = options
  const storage = new Storage({
    apiEndpoint: options.apiEndpoint,
    projectId: serviceAccount.project_id,
    authClient: new ServiceAccountAuth(serviceAccount),
    // A job waits on these: give up within a minute and let the job's own retry take over.
    retryOptions: { maxRetries: 2, totalTimeout: 60 },
  })
  const bucket = storage.bucket(options.bucket)

  return {
    kind: 'gcs',
    async put(path, body, contentType) {
      checkPath(path)
      checkContentType(contentType)
      const file = bucket.file(path)
      if (body instanceof Uint8Array) {
        // One multipart request: the bytes are in hand, no session to keep.
        await file.save(body, { contentType, resumable: false })
      } else {
        // A resumable upload streams without knowing the length; the client checks the stored CRC32C.
        await pipeline(
          Readable.fromWeb(body as NodeReadableStream<Uint8Array>),
          file.createWriteStream({ contentType, resumable: true }),
        )
      }
    },
    async signedUrl(path, ttlSeconds) {
      checkPath(path)
      checkTtl(ttlSeconds)
      // Whole seconds, so X-Goog-Date + X-Goog-Expires is exactly expiresAt.
      const now = Math.floor(options.clock.now().getTime() / 1000) * 1000
      const expiresAt = new Date(now + ttlSeconds * 1000)
      const [url] = await bucket.file(path).getSignedUrl({
        version: 'v4',
        action: 'read',
        accessibleAt: new Date(now),
        expires: expiresAt,
      })
      return { url, expiresAt }
    },
    async read(path) {
      checkPath(path)
      try {
        const [metadata] = await bucket.file(path).getMetadata()
        // That generation exactly: an overwrite between the two requests cannot mix bytes and type.
        const [bytes] = await bucket.file(path, { generation: metadata.generation }).download()
        return {
          body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          contentType: metadata.contentType ?? 'application/octet-stream',
        }
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },
    async delete(path) {
      checkPath(path)
      await bucket.file(path).delete({ ignoreNotFound: true })
    },
  }
}
