/**
 * The push client against the Expo stand-in (scripts/sandbox/expo.ts) over loopback HTTP: tickets in order,
 * ticket errors, receipts turning DeviceNotRegistered, chunks of 100 messages and 1000 receipt ids, gzip,
 * the access token, and retriable versus refused failures.
 */
import assert from 'node:assert/strict'
import {
  failNextPushRequests,
  sentPushMessages,
  startExpoSandbox,
  unregisterPushToken,
} from '../../../scripts/sandbox/expo.ts'
import {
  createPushClient,
  createPushClientFromEnv,
  loadPushEnv,
  type PushMessage,
  PushRejected,
  PushUnavailable,
} from './push.ts'

const token = () => `ExponentPushToken[${crypto.randomUUID().replace(/-/g, '').slice(0, 22)}]`
const message = (to: string, i = 0): PushMessage => ({
  to,
  title: 'Missed call',
  body: `+33 6 12 34 56 ${String(i).padStart(2, '0')}`,
  data: { call_id: crypto.randomUUID(), i },
})

/** Counts the requests the client makes, passing them on unchanged. */
function countingFetch() {
  const requests: { path: string; headers: Headers }[] = []
  const counted: typeof fetch = (input, init) => {
    requests.push({ path: new URL(String(input)).pathname, headers: new Headers(init?.headers) })
    return fetch(input, init)
  }
  return { requests, fetch: counted }
}

Deno.test('push: tickets in order, error tickets, and receipts that turn DeviceNotRegistered', async () => {
  const expo = await startExpoSandbox()
  try {
    const push = createPushClientFromEnv({ EXPO_PUSH_URL: expo.url })
    const [alice, bob] = [token(), token()]
    const tickets = await push.send([message(alice, 1), message('not-a-token', 2), message(bob, 3)])
    assert.equal(tickets.length, 3)
    assert.equal(tickets[0].status, 'ok')
    assert.equal(tickets[2].status, 'ok')
    assert.deepEqual(tickets[1].status === 'error' && tickets[1].details?.error, 'DeviceNotRegistered')

    const [sent] = await sentPushMessages(expo.url, alice)
    assert.equal(sent.title, 'Missed call')
    assert.equal(sent.body, '+33 6 12 34 56 01')
    assert.equal(sent.data?.i, 1)

    const ids = tickets.flatMap((t) => t.status === 'ok' ? [t.id] : [])
    assert.deepEqual(await push.receipts(ids), { [ids[0]]: { status: 'ok' }, [ids[1]]: { status: 'ok' } })

    await unregisterPushToken(expo.url, alice)
    const receipts = await push.receipts([...ids, 'unknown-id'])
    const dead = receipts[ids[0]]
    assert.equal(dead.status === 'error' && dead.details?.error, 'DeviceNotRegistered')
    assert.deepEqual(receipts[ids[1]], { status: 'ok' })
    assert.ok(!('unknown-id' in receipts), 'no receipt for an unknown id')

    const [again] = await push.send([message(alice)])
    assert.equal(again.status === 'error' && again.details?.error, 'DeviceNotRegistered')
    assert.deepEqual(await push.send([]), [])
    assert.deepEqual(await push.receipts([]), {})
  } finally {
    await expo.stop()
  }
})

Deno.test('push: 250 messages go as 100 + 100 + 50 (gzip), 2500 receipt ids as 1000 + 1000 + 500', async () => {
  const expo = await startExpoSandbox()
  try {
    const counter = countingFetch()
    const push = createPushClient({ baseUrl: expo.url, fetch: counter.fetch })
    const to = token()
    const messages = Array.from({ length: 250 }, (_, i) => message(to, i))
    const tickets = await push.send(messages)
    assert.equal(tickets.length, 250)
    assert.deepEqual(counter.requests.map((r) => r.path), Array(3).fill('/--/api/v2/push/send'))
    const headers = counter.requests[0].headers
    assert.equal(headers.get('content-type'), 'application/json')
    assert.equal(headers.get('accept'), 'application/json')
    assert.equal(headers.get('accept-encoding'), 'gzip, deflate')
    assert.equal(headers.get('content-encoding'), 'gzip', 'a large body is compressed')
    assert.equal(headers.get('authorization'), null, 'no token configured, none sent')
    // In order: the nth ticket is the nth message's.
    const sent = await sentPushMessages(expo.url, to)
    assert.deepEqual(sent.map((m) => m.data?.i), messages.map((m) => m.data.i))
    assert.deepEqual(tickets.map((t) => t.status === 'ok' && t.id), sent.map((m) => m.id))

    counter.requests.length = 0
    const ids = [
      ...tickets.map((t) => (t as { id: string }).id),
      ...Array.from({ length: 2250 }, () => crypto.randomUUID()),
    ]
    const receipts = await push.receipts(ids)
    assert.equal(Object.keys(receipts).length, 250)
    assert.deepEqual(counter.requests.map((r) => r.path), Array(3).fill('/--/api/v2/push/getReceipts'))
  } finally {
    await expo.stop()
  }
})

Deno.test('push: 429 and 5xx are retriable (with the tickets already sent), refusals are not', async () => {
  const expo = await startExpoSandbox({ accessToken: 'expo-access-token' })
  try {
    const unauthenticated = createPushClient({ baseUrl: expo.url })
    const refused = await unauthenticated.send([message(token())]).then(() => undefined, (e) => e)
    assert.ok(refused instanceof PushRejected, String(refused))
    assert.equal(refused.code, 'UNAUTHORIZED')
    assert.equal(refused.retriable, false)

    const push = createPushClientFromEnv({ EXPO_PUSH_URL: expo.url, EXPO_ACCESS_TOKEN: 'expo-access-token' })
    assert.equal((await push.send([message(token())]))[0].status, 'ok', 'the bearer token is sent')

    await failNextPushRequests(expo.url, 1, 429)
    const limited = await push.send([message(token())]).then(() => undefined, (e) => e)
    assert.ok(limited instanceof PushUnavailable, String(limited))
    assert.equal(limited.status, 429)
    assert.equal(limited.retriable, true)

    // The second chunk fails: the first chunk's tickets come with the error.
    const to = token()
    const messages = Array.from({ length: 150 }, (_, i) => message(to, i))
    const counter = countingFetch()
    const failing = createPushClient({
      baseUrl: expo.url,
      accessToken: 'expo-access-token',
      fetch: async (input, init) => {
        if (counter.requests.length === 1) await failNextPushRequests(expo.url, 1, 503)
        return await counter.fetch(input, init)
      },
    })
    const partial = await failing.send(messages).then(() => undefined, (e) => e)
    assert.ok(partial instanceof PushUnavailable, String(partial))
    assert.equal(partial.status, 503)
    assert.equal(partial.sent.length, 100)
    assert.equal((await sentPushMessages(expo.url, to)).length, 100)

    await failNextPushRequests(expo.url, 1, 502)
    await assert.rejects(push.receipts(['x']), PushUnavailable)

    const unreachable = createPushClient({ baseUrl: 'http://127.0.0.1:1' })
    await assert.rejects(unreachable.send([message(token())]), PushUnavailable)
  } finally {
    await expo.stop()
  }
})

Deno.test('push env: EXPO_PUSH_URL defaults to Expo, the access token is optional', () => {
  assert.deepEqual(loadPushEnv({}), { EXPO_PUSH_URL: 'https://exp.host', EXPO_ACCESS_TOKEN: undefined })
  assert.deepEqual(loadPushEnv({ EXPO_PUSH_URL: 'http://127.0.0.1:54333/', EXPO_ACCESS_TOKEN: '' }), {
    EXPO_PUSH_URL: 'http://127.0.0.1:54333',
    EXPO_ACCESS_TOKEN: undefined,
  })
  assert.throws(() => loadPushEnv({ EXPO_PUSH_URL: 'not a url' }), /EXPO_PUSH_URL/)
})

Deno.test({
  name: 'push: the stack (npm test) points EXPO_PUSH_URL at its Expo stand-in',
  ignore: !Deno.env.get('EXPO_PUSH_URL'),
  async fn() {
    const to = token()
    const [ticket] = await createPushClientFromEnv().send([message(to)])
    assert.equal(ticket.status, 'ok')
    assert.equal((await sentPushMessages(Deno.env.get('EXPO_PUSH_URL')!, to)).length, 1)
  },
})
