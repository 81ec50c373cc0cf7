/**
 * Where call recordings live: a Google Cloud Storage bucket when GCS_BUCKET is set (production), otherwise
 * files under LOCAL_STORAGE_DIR (the local stack, self-hosting). One interface, RecordingStore, for both:
 * write, read, delete, and a short-lived URL that plays the object in a browser. The variables are read from
 * this module's own slice of the environment, only by the functions and jobs that handle recordings.
 *
 * storage/gcs.ts and storage/local.ts hold the two implementations; the gateway imports storage/local.ts's
 * serveLocalObject alone, so it never loads the GCS client.
 */
import { z } from 'zod'
import type { Clock } from './deps.ts'
import { type Env, EnvError, type EnvSource, HttpUrl, readEnv } from './env.ts'
import { createGcsStore, type ServiceAccountKey } from './storage/gcs.ts'
import { createLocalStore } from './storage/local.ts'
import type { RecordingStore } from './storage/types.ts'

export type { RecordingStore } from './storage/types.ts'
export { MAX_URL_TTL_SECONDS } from './storage/types.ts'

const ServiceAccountJson = z.string().transform((value, ctx): ServiceAccountKey => {
  let key: unknown
  try {
    key = JSON.parse(value)
  } catch {
    key = undefined
  }
  const { client_email, private_key, project_id } = (key ?? {}) as Record<string, unknown>
  if (
    typeof client_email !== 'string' || !client_email.includes('@') ||
    typeof private_key !== 'string' || !private_key.includes('PRIVATE KEY')
  ) {
    // Never the value itself: it is a private key.
    ctx.addIssue({
      code: 'custom',
      message: 'must be a service account key file (JSON with client_email and private_key)',
    })
    return z.NEVER
  }
  return { client_email, private_key, project_id: typeof project_id === 'string' ? project_id : undefined }
})

/** The storage slice of the environment. */
const StorageEnvSchema = z.object({
  GCS_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/, 'must be a bucket name').optional(),
  /** The service account key file's JSON, as downloaded from the console. */
  GCS_SERVICE_ACCOUNT_JSON: ServiceAccountJson.optional(),
  /** Another JSON API host (the loopback stand-in); Google's when unset. */
  GCS_API_ENDPOINT: HttpUrl.optional(),
  LOCAL_STORAGE_DIR: z.string().min(1).optional(),
})
export type StorageEnv = z.output<typeof StorageEnvSchema>

export function loadStorageEnv(source?: EnvSource): StorageEnv {
  return readEnv(StorageEnvSchema, source)
}

/**
 * The recording store the environment configures: GCS when GCS_BUCKET is set, local disk when only
 * LOCAL_STORAGE_DIR is; throws EnvError naming the variables otherwise. The local store signs its URLs for
 * SUPABASE_URL under a key derived from APP_ENCRYPTION_KEY, hence the core deps.
 */
export function createRecordingStore(
  core: { env: Pick<Env, 'SUPABASE_URL' | 'APP_ENCRYPTION_KEY'>; clock: Clock },
  source?: EnvSource,
): RecordingStore {
  const env = loadStorageEnv(source)
  if (env.GCS_BUCKET || env.GCS_SERVICE_ACCOUNT_JSON) {
    if (!env.GCS_BUCKET) {
      throw new EnvError('Invalid environment: GCS_BUCKET is required with GCS_SERVICE_ACCOUNT_JSON')
    }
    if (!env.GCS_SERVICE_ACCOUNT_JSON) {
      throw new EnvError('Invalid environment: GCS_SERVICE_ACCOUNT_JSON is required with GCS_BUCKET')
    }
    return createGcsStore({
      bucket: env.GCS_BUCKET,
      serviceAccount: env.GCS_SERVICE_ACCOUNT_JSON,
      apiEndpoint: env.GCS_API_ENDPOINT,
      clock: core.clock,
    })
  }
  if (env.LOCAL_STORAGE_DIR) {
    return createLocalStore({
      dir: env.LOCAL_STORAGE_DIR,
      baseUrl: core.env.SUPABASE_URL,
      encryptionKey: core.env.APP_ENCRYPTION_KEY[0],
      clock: core.clock,
    })
  }
  throw new EnvError(
    'Invalid environment: GCS_BUCKET (Google Cloud Storage) or LOCAL_STORAGE_DIR (local disk) is required',
  )
}

const ID = /^[A-Za-z0-9_-]{1,100}$/
const EXTENSION = /^[a-z0-9]{1,10}$/

/** `recordings/<tenant>/<call>.<ext>`: one object per call, under its tenant (erasure deletes per call). */
export function recordingPath(tenantId: string, callId: string, ext: string): string {
  if (!ID.test(tenantId) || !ID.test(callId) || !EXTENSION.test(ext)) {
    throw new RangeError('recordingPath: ids must be [A-Za-z0-9_-], the extension [a-z0-9]')
  }
  return `recordings/${tenantId}/${callId}.${ext}`
}
