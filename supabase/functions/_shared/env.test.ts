import assert from 'node:assert/strict'
import { EnvError, loadEnv } from './env.ts'
import { loadVapiEnv } from './vapi.ts'

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))
const OLD = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)))
const VALID = {
  SUPABASE_URL: 'http://127.0.0.1:54321/',
  SUPABASE_DB_URL: 'postgres://postgres:postgres@127.0.0.1:54322/postgres',
  APP_ENCRYPTION_KEY: `k2:${KEY},k1:${OLD}`,
}

Deno.test('env: defaults, URL normalisation and the key list (current key first)', () => {
  const env = loadEnv(VALID)
  assert.equal(env.SUPABASE_URL, 'http://127.0.0.1:54321')
  assert.equal(env.DB_PREPARE, false)
  assert.equal(env.VALIDATE_RESPONSES, false)
  assert.equal(loadVapiEnv(VALID).VAPI_BASE_URL, 'https://api.vapi.ai')
  assert.equal(
    loadVapiEnv({ VAPI_BASE_URL: 'http://127.0.0.1:54330/' }).VAPI_BASE_URL,
    'http://127.0.0.1:54330',
  )
  assert.ok(!('VAPI_BASE_URL' in env), 'a provider variable is not in the core slice')
  assert.deepEqual(env.APP_ORIGINS, ['http://localhost:5173'])
  assert.equal(env.SUPABASE_JWT_SECRET, undefined)
  assert.deepEqual(env.APP_ENCRYPTION_KEY.map((k) => k.id), ['k2', 'k1'])
  assert.equal(env.APP_ENCRYPTION_KEY[0].bytes.length, 32)
  assert.equal(
    loadEnv({ ...VALID, DB_PREPARE: 'true', APP_ORIGINS: 'http://a.test, http://b.test/' }).DB_PREPARE,
    true,
  )
  assert.deepEqual(loadEnv({ ...VALID, APP_ORIGINS: 'http://a.test, http://b.test/' }).APP_ORIGINS, [
    'http://a.test',
    'http://b.test',
  ])
})

Deno.test('env: a missing variable fails naming it', () => {
  for (const name of Object.keys(VALID)) {
    const source: Record<string, string> = { ...VALID }
    delete source[name]
    assert.throws(
      () => loadEnv(source),
      (e: Error) => e instanceof EnvError && e.message.includes(`${name} is required`),
    )
    assert.throws(() => loadEnv({ ...source, [name]: '' }), (e: Error) => e.message.includes(name))
  }
})

Deno.test('env: an invalid value names the variable and never echoes a secret', () => {
  const badKeys = ['k1', `k1:${btoa('too short')}`, `bad id!:${KEY}`, `k1:${KEY},k1:${OLD}`, 'k1:%%%']
  for (const value of badKeys) {
    assert.throws(() => loadEnv({ ...VALID, APP_ENCRYPTION_KEY: value }), (e: Error) => {
      assert.match(e.message, /APP_ENCRYPTION_KEY/)
      assert.ok(!e.message.includes(KEY) && !e.message.includes(OLD))
      return true
    })
  }
  assert.throws(() => loadEnv({ ...VALID, DB_PREPARE: 'yes' }), /DB_PREPARE/)
  assert.throws(() => loadEnv({ ...VALID, SUPABASE_URL: 'not a url' }), /SUPABASE_URL/)
  assert.throws(() => loadEnv({ ...VALID, SUPABASE_JWT_SECRET: 'short' }), (e: Error) => {
    return e.message.includes('SUPABASE_JWT_SECRET') && !e.message.includes('short:')
  })
})
