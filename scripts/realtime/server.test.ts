/**
 * The Realtime server at the wire: Phoenix frames over a plain WebSocket, a server of the test's own on the
 * stack's database, tokens signed by a throwaway key (so expired and foreign ones can be made), and Deno's
 * sanitizers on (no timer or socket outlives a test). The real client's view is in supabase-js.test.ts.
 */
import assert from 'node:assert/strict'
import { anonKeyFor, loadSigningKey, sign, verify } from '../auth/keys.ts'
import { createRealtimeServer, type RealtimeServerOptions } from './server.ts'
import { ownTopicsPolicy, send, testSql, waitFor } from './testing.ts'

type Frame = [string | null, string | null, string, string, Record<string, unknown>]

class TestSocket {
  readonly frames: Frame[] = []
  readonly closed: Promise<CloseEvent>
  #ref = 0

  private constructor(readonly ws: WebSocket, readonly vsn: string) {
    ws.onmessage = (event) => {
      const data = JSON.parse(event.data)
      this.frames.push(
        (Array.isArray(data)
          ? data
          : [data.join_ref, data.ref, data.topic, data.event, data.payload]) as Frame,
      )
    }
    this.closed = new Promise((resolve) => ws.addEventListener('close', resolve))
  }

  static async open(url: string, vsn = '2.0.0'): Promise<TestSocket> {
    const socket = new TestSocket(new WebSocket(url), vsn)
    await new Promise((resolve, reject) => {
      socket.ws.onopen = resolve
      socket.ws.onerror = () => reject(new Error('the socket did not open'))
    })
    return socket
  }

  /** Sends an event as realtime-js does and returns its ref. */
  push(
    topic: string,
    event: string,
    payload: Record<string, unknown>,
    joinRef: string | null = null,
  ): string {
    const ref = String(++this.#ref)
    const frame = [joinRef ?? (event === 'phx_join' ? ref : null), ref, topic, event, payload]
    const [join_ref, , , , body] = frame
    this.ws.send(
      JSON.stringify(this.vsn === '2.0.0' ? frame : { join_ref, ref, topic, event, payload: body }),
    )
    return ref
  }

  reply(ref: string): Promise<Frame> {
    return waitFor(`the reply to ${ref}`, () => this.frames.find((f) => f[3] === 'phx_reply' && f[1] === ref))
  }

  /** Joins `topic` and returns the reply's payload ({ status, response }) and the join ref. */
  async join(topic: string, config: Record<string, unknown>, accessToken?: string) {
    const payload = { config: { broadcast: { ack: false, self: false }, presence: { key: '' }, ...config } }
    const ref = this.push(
      topic,
      'phx_join',
      accessToken ? { ...payload, access_token: accessToken } : payload,
    )
    return { joinRef: ref, reply: (await this.reply(ref))[4] }
  }

  events(topic: string, event: string): Frame[] {
    return this.frames.filter((f) => f[2] === topic && f[3] === event)
  }

  async close() {
    this.ws.close()
    await this.closed
  }
}

async function startRealtime(options: Partial<RealtimeServerOptions> = {}) {
  const key = await loadSigningKey()
  const logs: string[] = []
  const realtime = createRealtimeServer({
    dbUrl: Deno.env.get('SUPABASE_DB_URL')!,
    prepare: Deno.env.get('DB_PREPARE') === 'true',
    verifyJwt: (token) => verify(key, token),
    log: (line) => logs.push(line),
    ...options,
  })
  const server = Deno.serve(
    { hostname: '127.0.0.1', port: 0, onListen: () => {} },
    (req) => realtime.handler(req),
  )
  const anonKey = await anonKeyFor(key)
  const base = `ws://127.0.0.1:${server.addr.port}/realtime/v1/websocket`
  const now = () => Math.floor(Date.now() / 1000)
  return {
    realtime,
    server,
    anonKey,
    logs,
    url: (vsn = '2.0.0') => `${base}?apikey=${anonKey}&vsn=${vsn}`,
    /** An access token as the local auth issues them, for any user id. */
    token: (sub: string, ttl = 3600) =>
      sign(key, { sub, role: 'authenticated', aud: 'authenticated', iat: now(), exp: now() + ttl }),
    sign: (claims: Record<string, unknown>) => sign(key, claims),
    async stop() {
      await realtime.stop()
      await server.shutdown()
    },
  }
}

Deno.test('realtime: refuses sockets without a valid apikey or with an unknown vsn', async () => {
  const rt = await startRealtime()
  try {
    const upgrade = (query: string) =>
      rt.realtime.handler(
        new Request(`http://127.0.0.1/realtime/v1/websocket?${query}`, {
          headers: { upgrade: 'websocket' },
        }),
      )
    assert.equal((await upgrade('vsn=2.0.0')).status, 403, 'no apikey')
    assert.equal((await upgrade('apikey=not.a.jwt&vsn=2.0.0')).status, 403, 'not a token')
    const foreign = await anonKeyFor(await loadSigningKey())
    assert.equal((await upgrade(`apikey=${foreign}&vsn=2.0.0`)).status, 403, 'another project')
    assert.equal((await upgrade(`apikey=${rt.anonKey}&vsn=3.1.4`)).status, 400)
    const plain = await rt.realtime.handler(
      new Request(`http://127.0.0.1/realtime/v1/websocket?apikey=${rt.anonKey}`),
    )
    assert.equal(plain.status, 426, 'not a WebSocket upgrade')
  } finally {
    await rt.stop()
  }
})

Deno.test('realtime: heartbeats, public joins, refusals and leaving, in vsn 2.0.0 and 1.0.0', async () => {
  const rt = await startRealtime()
  try {
    for (const vsn of ['2.0.0', '1.0.0']) {
      const socket = await TestSocket.open(rt.url(vsn), vsn)
      const beat = socket.push('phoenix', 'heartbeat', {})
      assert.deepEqual(await socket.reply(beat), [null, beat, 'phoenix', 'phx_reply', {
        status: 'ok',
        response: {},
      }])

      const { joinRef, reply } = await socket.join('realtime:lobby', { private: false })
      assert.deepEqual(
        reply,
        { status: 'ok', response: { postgres_changes: [] } },
        'the socket apikey suffices',
      )
      const joined = await socket.reply(joinRef)
      assert.equal(joined[0], joinRef, 'the reply carries the join ref')

      const leave = socket.push('realtime:lobby', 'phx_leave', {}, joinRef)
      assert.equal((await socket.reply(leave))[4].status, 'ok')
      const after = socket.push('realtime:lobby', 'broadcast', { event: 'x' }, joinRef)
      assert.deepEqual((await socket.reply(after))[4], {
        status: 'error',
        response: { reason: 'unmatched topic' },
      })
      await socket.close()
    }

    const socket = await TestSocket.open(rt.url())
    const refused = async (topic: string, config: Record<string, unknown>, token?: string) =>
      ((await socket.join(topic, config, token)).reply.response as { reason: string }).reason
    const userId = crypto.randomUUID()
    assert.equal(
      await refused('realtime:lobby', {}, await rt.token(userId, -10)),
      'InvalidJWTToken: Token has expired 10 seconds ago',
    )
    assert.equal(
      await refused('realtime:lobby', {}, await rt.sign({ sub: userId, role: 'authenticated' })),
      'InvalidJWTToken: Fields `role` and `exp` are required in JWT',
    )
    const foreignKey = await loadSigningKey()
    assert.equal(
      await refused('realtime:lobby', {}, await sign(foreignKey, { role: 'authenticated', exp: 2e9 })),
      'JwtSignatureError: Failed to validate JWT signature',
    )
    assert.equal(
      await refused('realtime:lobby', {}, 'garbage'),
      'MalformedJWT: The token provided is not a valid JWT',
    )
    assert.equal(await refused('realtime:', {}), 'TopicNameRequired: You must provide a topic name')
    assert.match(
      await refused('realtime:lobby', { postgres_changes: [{ event: '*', schema: 'public' }] }),
      /^PostgresChangesUnsupported: /,
    )
    assert.equal(
      await refused('realtime:someone-else', { private: true }, await rt.token(userId)),
      'Unauthorized: You do not have permissions to read from this Channel topic: someone-else',
    )
    assert.equal(
      await refused('realtime:anything', { private: true }),
      'Unauthorized: You do not have permissions to read from this Channel topic: anything',
      'the anon key reads no private topic',
    )
    await socket.close()

    const garbled = await TestSocket.open(rt.url())
    garbled.ws.send('{"not": "a frame"}')
    const closed = await garbled.closed
    assert.deepEqual([closed.code, closed.reason], [1003, 'invalid message'])
  } finally {
    await rt.stop()
  }
})

Deno.test('realtime: delivers realtime.messages by topic and privacy, and a new token is checked', async () => {
  const sql = testSql()
  const topics = await ownTopicsPolicy(sql)
  const rt = await startRealtime()
  try {
    const alice = crypto.randomUUID()
    const topic = `${topics.prefix}:${alice}:calls`
    const socket = await TestSocket.open(rt.url())
    const privateJoin = await socket.join(`realtime:${topic}`, { private: true }, await rt.token(alice))
    assert.equal(privateJoin.reply.status, 'ok', JSON.stringify(privateJoin.reply))
    const observer = await TestSocket.open(rt.url())
    assert.equal((await observer.join(`realtime:${topic}`, { private: false })).reply.status, 'ok')

    await send(sql, topic, 'call_changed', { id: 'c1', nested: { ok: true } })
    const delivered = await waitFor(
      'the private message',
      () => socket.events(`realtime:${topic}`, 'broadcast')[0],
    )
    const [joinRef, ref, frameTopic, event, payload] = delivered
    assert.deepEqual([joinRef, ref, frameTopic, event], [null, null, `realtime:${topic}`, 'broadcast'])
    const { meta, ...message } = payload as { meta: { id: string } }
    assert.deepEqual(message, {
      type: 'broadcast',
      event: 'call_changed',
      payload: { id: 'c1', nested: { ok: true } },
    })
    assert.match(meta.id, /^\d+$/)

    await send(sql, topic, 'public_news', { n: 1 }, false)
    await waitFor('the public message', () => observer.events(`realtime:${topic}`, 'broadcast').length === 1)
    assert.deepEqual(
      socket.events(`realtime:${topic}`, 'broadcast').map((f) => f[4].event),
      ['call_changed'],
      'a private channel gets private messages only',
    )
    assert.equal(observer.events(`realtime:${topic}`, 'broadcast')[0][4].event, 'public_news')

    const clientBroadcast = socket.push(`realtime:${topic}`, 'broadcast', { type: 'broadcast', event: 'x' })
    const refusal = (await socket.reply(clientBroadcast))[4]
    assert.equal(refusal.status, 'error')
    assert.match((refusal.response as { reason: string }).reason, /^broadcast from clients: /)

    // A token refresh for the same user keeps the channel; one the policies refuse shuts it down.
    const refreshed = socket.push(`realtime:${topic}`, 'access_token', {
      access_token: await rt.token(alice, 7200),
    }, privateJoin.joinRef)
    assert.equal((await socket.reply(refreshed))[4].status, 'ok')
    const stolen = socket.push(`realtime:${topic}`, 'access_token', {
      access_token: await rt.token(crypto.randomUUID()),
    }, privateJoin.joinRef)
    assert.equal((await socket.reply(stolen))[4].status, 'error')
    const [system] = socket.events(`realtime:${topic}`, 'system')
    assert.deepEqual(system, [privateJoin.joinRef, null, `realtime:${topic}`, 'system', {
      extension: 'system',
      status: 'error',
      message: `You no longer have permission to read from this Channel topic: ${topic}`,
      channel: topic,
    }])
    await waitFor('phx_close', () => socket.events(`realtime:${topic}`, 'phx_close').length === 1)

    await send(sql, topic, 'after_close', {}, true)
    await send(sql, topic, 'public_after_close', {}, false)
    await waitFor('the observer', () => observer.events(`realtime:${topic}`, 'broadcast').length === 2)
    assert.equal(socket.events(`realtime:${topic}`, 'broadcast').length, 1, 'a closed channel gets nothing')

    // An invalid token update closes the channel too.
    const again = await socket.join(`realtime:${topic}`, { private: true }, await rt.token(alice))
    assert.equal(again.reply.status, 'ok')
    socket.push(`realtime:${topic}`, 'access_token', { access_token: 'garbage' }, again.joinRef)
    await waitFor('the second phx_close', () => socket.events(`realtime:${topic}`, 'phx_close').length === 2)
    assert.equal(
      socket.events(`realtime:${topic}`, 'system')[1][4].message,
      'MalformedJWT: The token provided is not a valid JWT',
    )

    await socket.close()
    await observer.close()
  } finally {
    await rt.stop()
    await topics.drop()
    await sql.end()
  }
})

Deno.test({
  name: 'realtime: a message whose transaction commits after a later one still arrives, once',
  // PGlite runs one transaction at a time: the later send would wait for the earlier commit.
  ignore: Deno.env.get('DB_PREPARE') === 'true',
  async fn() {
    const sql = testSql()
    const topics = await ownTopicsPolicy(sql)
    const rt = await startRealtime()
    try {
      const alice = crypto.randomUUID()
      const topic = `${topics.prefix}:${alice}:calls`
      const socket = await TestSocket.open(rt.url())
      assert.equal(
        (await socket.join(`realtime:${topic}`, { private: true }, await rt.token(alice))).reply.status,
        'ok',
      )
      let sent = false
      let commit!: () => void
      const committed = new Promise<void>((resolve) => commit = resolve)
      const slow = sql.begin(async (tx) => {
        await tx`select realtime.send(${tx.json({ n: 1 })}, 'slow', ${topic}, true)`
        sent = true
        await committed
      })
      await waitFor('the slow send', () => sent)
      await send(sql, topic, 'quick', { n: 2 })
      const events = () => socket.events(`realtime:${topic}`, 'broadcast').map((f) => f[4].event)
      await waitFor('the quick message', () => events().length === 1)
      // The slow transaction stays open over a few polls, as one calling a provider would.
      await new Promise((resolve) => setTimeout(resolve, 300))
      commit()
      await slow
      await waitFor('the slow message', () => events().length === 2)
      assert.deepEqual(events(), ['quick', 'slow'], 'in commit order, each once')
      await socket.close()
    } finally {
      await rt.stop()
      await topics.drop()
      await sql.end()
    }
  },
})

Deno.test('realtime: messages older than a few minutes are pruned while the feed runs', async () => {
  const sql = testSql()
  const rt = await startRealtime()
  try {
    const topic = `pruned:${crypto.randomUUID()}`
    await sql`insert into realtime.messages (topic, event, payload, inserted_at)
      values (${topic}, 'old', '{}', now() - interval '10 minutes'), (${topic}, 'recent', '{}', now())`
    const socket = await TestSocket.open(rt.url())
    assert.equal((await socket.join('realtime:lobby', {})).reply.status, 'ok')
    const left = async () =>
      (await sql<{ event: string }[]>`select event from realtime.messages where topic = ${topic}`).map((r) =>
        r.event
      )
    for (let tries = 0; (await left()).length > 1 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.deepEqual(await left(), ['recent'])
    await socket.close()
  } finally {
    await rt.stop()
    await sql.end()
  }
})

Deno.test('realtime: a channel whose token expires is shut down at the next heartbeat', async () => {
  const rt = await startRealtime()
  try {
    const socket = await TestSocket.open(rt.url())
    const { reply } = await socket.join('realtime:lobby', {}, await rt.token(crypto.randomUUID(), 1))
    assert.equal(reply.status, 'ok')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    socket.push('phoenix', 'heartbeat', {})
    await waitFor('phx_close', () => socket.events('realtime:lobby', 'phx_close').length === 1)
    assert.match(
      String(socket.events('realtime:lobby', 'system')[0][4].message),
      /^InvalidJWTToken: Token has expired/,
    )
    await socket.close()
  } finally {
    await rt.stop()
  }
})

Deno.test('realtime: idle sockets are closed; stop() closes sockets and frees the port', async () => {
  const rt = await startRealtime({ idleTimeoutMs: 200 })
  const idle = await TestSocket.open(rt.url())
  const closed = await idle.closed
  assert.equal(closed.reason, 'idle')

  const socket = await TestSocket.open(rt.url())
  assert.equal((await socket.join('realtime:lobby', {})).reply.status, 'ok')
  const { port } = rt.server.addr
  await rt.stop()
  assert.equal((await socket.closed).code, 1001)
  const listener = Deno.listen({ hostname: '127.0.0.1', port })
  listener.close()
  assert.equal((await rt.realtime.handler(new Request('http://127.0.0.1/'))).status, 503)
})
