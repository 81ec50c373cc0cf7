import assert from 'node:assert/strict'
import { VapiClient } from '@vapi-ai/server-sdk'
import { playCall, startVapiSandbox, waitForCall } from '../vapi.ts'

Deno.test('with a dataFile, a restarted sandbox keeps each organisation (and never saves the keys)', async () => {
  const dir = await Deno.makeTempDir()
  const dataFile = `${dir}/vapi/orgs.json`
  const key = `sk_test_${crypto.randomUUID()}`
  try {
    const first = await startVapiSandbox({ port: 0, dataFile, turnDelayMs: 0 })
    const client = new VapiClient({ token: key, baseUrl: first.url })
    const assistant = await client.assistants.create({ name: 'Kept' })
    const number = await client.phoneNumbers.create({
      provider: 'vapi',
      numberDesiredAreaCode: '415',
      assistantId: assistant.id,
    })
    const file = await client.files.create({
      file: new File(['kept bytes'], 'kept.txt', { type: 'text/plain' }),
    })
    const { call } = await playCall(first.url, key, { assistantId: assistant.id })
    await waitForCall(first.url, key, call.id)
    await first.stop()

    const saved = await Deno.readTextFile(dataFile)
    assert.ok(!saved.includes(key), 'keys are saved as hashes only')

    const second = await startVapiSandbox({ port: 0, dataFile })
    try {
      const again = new VapiClient({ token: key, baseUrl: second.url })
      assert.deepEqual((await again.assistants.list()).map((a) => a.id), [assistant.id])
      assert.equal((await again.phoneNumbers.get({ id: number.id })).assistantId, assistant.id)
      assert.equal((await again.calls.get({ id: call.id })).status, 'ended')
      assert.equal((await again.files.get({ id: file.id })).originalName, 'kept.txt')
      const stranger = new VapiClient({ token: `sk_test_${crypto.randomUUID()}`, baseUrl: second.url })
      assert.deepEqual(await stranger.assistants.list(), [])
    } finally {
      await second.stop()
    }
  } finally {
    await Deno.remove(dir, { recursive: true })
  }
})
