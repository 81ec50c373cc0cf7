/** The Expo stand-in over raw HTTP: the request shapes and limits of Expo's push API, and its test routes. */
import assert from 'node:assert/strict'
import { sentPushMessages, startExpoSandbox } from './expo.ts'

const TOKEN = 'ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]'

async function post(url: string, path: string, body: unknown) {
  const res = await fetch(`${url}/--/api/v2/push/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, json: await res.json() }
}

Deno.test('Expo sandbox: one message answers one ticket object, an array an array, `to` arrays fan out', async () => {
  const expo = await startExpoSandbox()
  try {
    const single = await post(expo.url, 'send', { to: TOKEN, title: 'hello', body: 'world' })
    assert.equal(single.status, 200)
    assert.equal(single.json.data.status, 'ok')
    assert.match(single.json.data.id, /^[0-9a-f-]{36}$/)

    const fanned = await post(expo.url, 'send', [{ to: [TOKEN, 'ExpoPushToken[yyyy]'], body: 'both' }])
    assert.deepEqual(fanned.json.data.map((t: { status: string }) => t.status), ['ok', 'ok'])
    assert.deepEqual((await sentPushMessages(expo.url)).map((m) => m.to), [
      TOKEN,
      TOKEN,
      'ExpoPushToken[yyyy]',
    ])

    const big = await post(expo.url, 'send', [{ to: TOKEN, body: 'x'.repeat(5000) }])
    assert.deepEqual(big.json.data[0].details, { error: 'MessageTooBig' })
  } finally {
    await expo.stop()
  }
})

Deno.test('Expo sandbox: malformed requests and the limits are refused with Expo error codes', async () => {
  const expo = await startExpoSandbox()
  try {
    const tooMany = await post(expo.url, 'send', Array.from({ length: 101 }, () => ({ to: TOKEN })))
    assert.equal(tooMany.status, 400)
    assert.equal(tooMany.json.errors[0].code, 'PUSH_TOO_MANY_NOTIFICATIONS')

    for (
      const body of ['{not json', [{ title: 'no recipient' }], [{ to: TOKEN, data: 'text' }], [{
        to: TOKEN,
        title: 1,
      }], [3]]
    ) {
      const res = await post(expo.url, 'send', body)
      assert.equal(res.status, 400, JSON.stringify(body))
      assert.equal(res.json.errors[0].code, 'VALIDATION_ERROR')
    }
    assert.deepEqual(await sentPushMessages(expo.url), [], 'a refused request sends nothing')

    const receipts = await post(expo.url, 'getReceipts', {
      ids: Array.from({ length: 1001 }, (_, i) => `id-${i}`),
    })
    assert.equal(receipts.status, 400)
    assert.equal(receipts.json.errors[0].code, 'PUSH_TOO_MANY_RECEIPTS')
    assert.equal((await post(expo.url, 'getReceipts', { ids: 'x' })).json.errors[0].code, 'VALIDATION_ERROR')
    assert.equal((await post(expo.url, 'nope', {})).status, 404)
  } finally {
    await expo.stop()
  }
})
