import assert from 'node:assert/strict'
import { VapiClient, VapiError } from '@vapi-ai/server-sdk'
import { startVapiSandbox } from './vapi.ts'

Deno.test('Vapi sandbox: the real SDK lists an organisation and gets 401 for a revoked key', async () => {
  const sandbox = await startVapiSandbox({ port: 0 })
  try {
    const client = new VapiClient({ token: `sk_test_${crypto.randomUUID()}`, baseUrl: sandbox.url })
    assert.deepEqual(await client.assistants.list(), [])

    const revoked = new VapiClient({ token: 'invalid-key', baseUrl: sandbox.url })
    const error = await revoked.assistants.list().then(() => undefined, (e) => e)
    assert.ok(error instanceof VapiError, `expected a VapiError, got ${error}`)
    assert.equal(error.statusCode, 401)
    assert.match(JSON.stringify(error.body), /Invalid Key/)

    const missing = await client.assistants.get({ id: crypto.randomUUID() }).then(() => undefined, (e) => e)
    assert.ok(missing instanceof VapiError)
    assert.equal(missing.statusCode, 404)
  } finally {
    await sandbox.stop()
  }
})

Deno.test('Vapi sandbox: a request without a key is refused', async () => {
  const sandbox = await startVapiSandbox({ port: 0 })
  try {
    const res = await fetch(`${sandbox.url}/assistant`)
    assert.equal(res.status, 401)
    assert.equal((await res.json()).statusCode, 401)
  } finally {
    await sandbox.stop()
  }
})
