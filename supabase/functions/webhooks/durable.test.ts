/**
 * A database that cannot be reached: the webhook answers 503 with Retry-After and stores nothing, and the
 * same delivery succeeds once the database is back — Vapi's retry, played for real by the sandbox. The
 * function's database URL goes through a loopback TCP relay to the stack's database, which the test cuts
 * (listener closed, open connections dropped) and restores.
 */
import assert from 'node:assert/strict'
import { playCall, waitForCall } from '../../../scripts/sandbox/vapi.ts'
import { loadEnv } from '../_shared/env.ts'
import { testEnv, withTestDeps } from '../_shared/testing.ts'
import webhooks from './handler.ts'
import { CALLER, deliver, events, onlyCall, VAPI_BASE_URL, vapiCall, voiceFixture } from './testing.ts'

/** A TCP relay to `target` on a port of its own, that can be cut and restored on the same port. */
function relay(target: URL) {
  const connections = new Set<Deno.Conn>()
  let listener: Deno.Listener | null = null
  let port = 0

  async function accept(server: Deno.Listener) {
    for await (const client of server) {
      const upstream = await Deno.connect({ hostname: target.hostname, port: Number(target.port) })
      connections.add(client).add(upstream)
      client.readable.pipeTo(upstream.writable).catch(() => {})
      upstream.readable.pipeTo(client.writable).catch(() => {})
    }
  }

  const relay = {
    get url() {
      const url = new URL(target)
      url.port = String(port)
      return url.toString()
    },
    start() {
      listener = Deno.listen({ hostname: '127.0.0.1', port })
      port = (listener.addr as Deno.NetAddr).port
      accept(listener).catch(() => {})
    },
    stop() {
      listener?.close()
      listener = null
      for (const connection of connections) {
        try {
          connection.close()
        } catch {
          // Already closed by its peer.
        }
      }
      connections.clear()
    },
  }
  relay.start()
  return relay
}

/** The webhook's deps with the database behind a relay; `probe` reads the database directly. */
function behindRelay() {
  const env = testEnv()
  const db = relay(new URL(loadEnv(env).SUPABASE_DB_URL))
  const deps = webhooks.createDeps({ ...env, SUPABASE_DB_URL: db.url })
  return { db, deps, handler: webhooks.createHandler(deps) }
}

Deno.test('webhooks: with the database down the answer is 503 with Retry-After, nothing is stored, and the retry succeeds', () =>
  withTestDeps(webhooks, async ({ deps: probe }) => {
    const f = await voiceFixture(probe)
    const { db, deps, handler } = behindRelay()
    try {
      const call = vapiCall(f)
      const ringing = { type: 'status-update', status: 'ringing', timestamp: Date.now(), call }
      assert.equal((await deliver(handler, f.tenant, ringing, { secret: f.secret })).status, 200)

      db.stop()
      const inProgress = { type: 'status-update', status: 'in-progress', timestamp: Date.now() + 1, call }
      const down = await deliver(handler, f.tenant, inProgress, { secret: f.secret })
      assert.equal(down.status, 503, down.text)
      assert.equal(down.body.code, 'storage_unavailable')
      assert.equal(down.headers.get('content-type'), 'application/problem+json')
      assert.ok(Number(down.headers.get('retry-after')) > 0)
      assert.equal((await onlyCall(probe, f.tenant)).status, 'ringing', 'nothing stored')
      assert.equal((await events(probe, f.tenant)).length, 1)
      assert.equal(
        (await deliver(handler, f.tenant, inProgress, { secret: 'wrong' })).status,
        503,
        'not a 401',
      )

      db.start()
      const back = await deliver(handler, f.tenant, inProgress, { secret: f.secret })
      assert.equal(back.status, 200, back.text)
      assert.equal((await onlyCall(probe, f.tenant)).status, 'in-progress')
      assert.equal((await events(probe, f.tenant)).length, 2)
    } finally {
      db.stop()
      await deps.db.end()
    }
  }))

Deno.test("webhooks: Vapi's backoff plan carries a call through a database outage: the refused message arrives on retry", () =>
  withTestDeps(webhooks, async ({ deps: probe }) => {
    const { db, deps, handler } = behindRelay()
    let refused = 0
    // Our own server for the tenant's URL, so the function runs with the relayed database.
    const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: () => {} }, async (req) => {
      const res = await handler(req)
      if (res.status === 503 && refused++ === 0) db.start()
      return res
    })
    try {
      const f = await voiceFixture(probe, { serverOrigin: `http://127.0.0.1:${server.addr.port}` })
      db.stop()
      const { call } = await playCall(VAPI_BASE_URL(), f.key, {
        assistantId: f.assistant.vapiId,
        customerNumber: CALLER,
        script: [{ role: 'user', text: 'Is the office open today?' }],
      })
      const { deliveries } = await waitForCall(VAPI_BASE_URL(), f.key, call.id, 60_000)
      assert.equal(refused, 1)
      assert.deepEqual(deliveries[0].attempts.map((a) => a.status), [503, 200], 'refused once, then stored')
      assert.ok(deliveries.every((d) => d.ok))
      const row = await onlyCall(probe, f.tenant)
      assert.equal(row.status, 'ended')
      assert.ok(row.report_at)
      assert.equal((await events(probe, f.tenant)).length, deliveries.length)
    } finally {
      await server.shutdown()
      db.stop()
      await deps.db.end()
    }
  }))
