/** Which store the environment configures, its errors (never echoing a key), and the recordings' paths. */
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { EnvError, loadEnv } from './env.ts'
import { createRecordingStore, recordingPath } from './storage.ts'

const core = {
  env: loadEnv({
    SUPABASE_URL: 'http://127.0.0.1:54321',
    SUPABASE_DB_URL: 'postgres://unused@127.0.0.1:1/db',
    APP_ENCRYPTION_KEY: `k1:${btoa('k'.repeat(32))}`,
  }),
  clock: { now: () => new Date() },
}

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  .export({ type: 'pkcs8', format: 'pem' }) as string
const keyFile = JSON.stringify({
  type: 'service_account',
  project_id: 'p',
  client_email: 'recordings@p.iam.gserviceaccount.com',
  private_key: privateKey,
})

Deno.test('storage env: GCS when GCS_BUCKET is set, local disk with LOCAL_STORAGE_DIR, an error naming both otherwise', () => {
  assert.equal(
    createRecordingStore(core, { GCS_BUCKET: 'my-recordings', GCS_SERVICE_ACCOUNT_JSON: keyFile }).kind,
    'gcs',
  )
  assert.equal(
    createRecordingStore(core, {
      GCS_BUCKET: 'bucket-1',
      GCS_SERVICE_ACCOUNT_JSON: keyFile,
      LOCAL_STORAGE_DIR: '/tmp/x',
    }).kind,
    'gcs',
    'GCS wins when both are set',
  )
  assert.equal(createRecordingStore(core, { LOCAL_STORAGE_DIR: '/tmp/x', GCS_BUCKET: '' }).kind, 'local')
  assert.throws(
    () => createRecordingStore(core, {}),
    (e) => e instanceof EnvError && /GCS_BUCKET.*LOCAL_STORAGE_DIR/.test(e.message),
  )
  assert.throws(
    () => createRecordingStore(core, { GCS_BUCKET: 'my-recordings' }),
    (e) => e instanceof EnvError && /GCS_SERVICE_ACCOUNT_JSON is required/.test(e.message),
  )
  assert.throws(
    () => createRecordingStore(core, { GCS_SERVICE_ACCOUNT_JSON: keyFile }),
    (e) => e instanceof EnvError && /GCS_BUCKET is required/.test(e.message),
  )
  assert.throws(
    () => createRecordingStore(core, { GCS_BUCKET: 'Not A Bucket', GCS_SERVICE_ACCOUNT_JSON: keyFile }),
    (e) => e instanceof EnvError && /GCS_BUCKET: must be a bucket name/.test(e.message),
  )
  assert.throws(
    () =>
      createRecordingStore(core, {
        GCS_BUCKET: 'bucket-1',
        GCS_SERVICE_ACCOUNT_JSON: keyFile,
        GCS_API_ENDPOINT: 'ftp://x',
      }),
    (e) => e instanceof EnvError && /GCS_API_ENDPOINT/.test(e.message),
  )
})

Deno.test('storage env: a malformed key file is refused without echoing it', () => {
  for (
    const value of ['{not json', JSON.stringify({ client_email: 'a@b', private_key: 'oops' }), privateKey]
  ) {
    assert.throws(
      () => createRecordingStore(core, { GCS_BUCKET: 'bucket-1', GCS_SERVICE_ACCOUNT_JSON: value }),
      (e) =>
        e instanceof EnvError &&
        /GCS_SERVICE_ACCOUNT_JSON: must be a service account key file/.test(e.message) &&
        !e.message.includes('PRIVATE KEY') && !e.message.includes('oops'),
    )
  }
})

Deno.test('recordingPath: recordings/<tenant>/<call>.<ext>, ids and extension checked', () => {
  const tenant = crypto.randomUUID()
  const call = crypto.randomUUID()
  assert.equal(recordingPath(tenant, call, 'wav'), `recordings/${tenant}/${call}.wav`)
  assert.equal(recordingPath('t_1', 'c-2', 'mp3'), 'recordings/t_1/c-2.mp3')
  for (
    const [t, c, e] of [['', 'c', 'wav'], ['t/x', 'c', 'wav'], ['t', '..', 'wav'], ['t', 'c', ''], [
      't',
      'c',
      'w.av',
    ]]
  ) {
    assert.throws(() => recordingPath(t, c, e), RangeError)
  }
})
