/**
 * Broadcast from Database as the SPA receives it: the real supabase-js client, signed in through the local
 * auth, subscribing to private channels through the stack's gateway (`/realtime/v1/websocket`).
 *
 * sanitizeOps is off: realtime-js' own disconnect() leaves a 10 s timer behind (socketAdapter.ts), whatever
 * the server does. The server's own timers are checked by server.test.ts.
 */
import assert from 'node:assert/strict'
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js'
import { ownTopicsPolicy, send, testSql, waitFor } from './testing.ts'

interface Received {
  type: string
  event: string
  payload: Record<string, unknown>
  meta?: { id: string }
}

/** A new user signed in; `log` gets realtime-js' own lines (`push <topic> <event> (<join ref>, <ref>)`…). */
async function signedIn(log?: string[]): Promise<{ supabase: SupabaseClient; userId: string }> {
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_ANON_KEY')!, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { logger: (kind: string, message: string) => log?.push(`${kind} ${message}`) },
  })
  const { data, error } = await supabase.auth.signUp({
    email: `realtime-${crypto.randomUUID()}@test.local`,
    password: 'realtime-test-password',
  })
  assert.equal(error, null)
  return { supabase, userId: data.user!.id }
}

/** A private channel as the SPA opens it, with what its broadcast callback receives. */
function listen(supabase: SupabaseClient, topic: string, event = '*') {
  const received: Received[] = []
  const channel = supabase.channel(topic, { config: { private: true } })
    .on('broadcast', { event }, (message) => received.push(message as Received))
  return { channel, received }
}

/** subscribe()'s first verdict: SUBSCRIBED, or CHANNEL_ERROR with its message. */
function subscribe(channel: RealtimeChannel): Promise<{ status: string; message?: string }> {
  return new Promise((resolve) => {
    let settled = false
    channel.subscribe((status, error) => {
      if (!settled) resolve({ status, message: error?.message })
      settled = true
    })
  })
}

Deno.test({
  name:
    'realtime via supabase-js: a user receives realtime.send on their own private topic, others are refused',
  sanitizeOps: false,
  async fn() {
    const sql = testSql()
    const topics = await ownTopicsPolicy(sql)
    const alice = await signedIn()
    const mallory = await signedIn()
    try {
      const topic = `${topics.prefix}:${alice.userId}:calls`
      const own = listen(alice.supabase, topic, 'call_changed')
      assert.deepEqual(await subscribe(own.channel), { status: 'SUBSCRIBED', message: undefined })

      const intruder = listen(mallory.supabase, topic)
      assert.deepEqual(await subscribe(intruder.channel), {
        status: 'CHANNEL_ERROR',
        message: `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`,
      })

      const payload = {
        id: crypto.randomUUID(),
        status: 'ended',
        cost: 0.42,
        tags: ['a', 'b'],
        summary: null,
      }
      await send(sql, topic, 'call_changed', payload)
      await send(sql, topic, 'other_event', { ignored: true })
      const [message] = await waitFor('the broadcast', () => own.received.length > 0 && own.received)
      assert.deepEqual({ ...message, meta: undefined }, {
        type: 'broadcast',
        event: 'call_changed',
        payload,
        meta: undefined,
      })
      assert.match(message.meta!.id, /^\d+$/)
      assert.equal(intruder.received.length, 0, 'the refused user got nothing')

      // Leaving stops delivery: a message sent after it to a channel still joined arrives, the left one's not.
      const sentinel = listen(alice.supabase, `${topics.prefix}:${alice.userId}:sentinel`)
      assert.equal((await subscribe(sentinel.channel)).status, 'SUBSCRIBED')
      assert.equal(await alice.supabase.removeChannel(own.channel), 'ok')
      await send(sql, topic, 'call_changed', { after: 'leave' })
      await send(sql, `${topics.prefix}:${alice.userId}:sentinel`, 'tick', {})
      await waitFor('the sentinel', () => sentinel.received.length === 1)
      assert.equal(own.received.length, 1)
      assert.equal(intruder.received.length, 0)

      // A client broadcast is refused (with ack, realtime-js reports the server's answer).
      const acked = alice.supabase.channel(`${topics.prefix}:${alice.userId}:acked`, {
        config: { private: true, broadcast: { ack: true } },
      })
      assert.equal((await subscribe(acked)).status, 'SUBSCRIBED')
      assert.equal(await acked.send({ type: 'broadcast', event: 'hello', payload: {} }), 'error')
    } finally {
      await alice.supabase.removeAllChannels()
      await mallory.supabase.removeAllChannels()
      await topics.drop()
      await sql.end()
    }
  },
})

Deno.test({
  name: 'realtime via supabase-js: realtime.broadcast_changes from a trigger, and a refreshed token',
  sanitizeOps: false,
  async fn() {
    const sql = testSql()
    const topics = await ownTopicsPolicy(sql)
    const schema = `${topics.prefix}_changes`
    const log: string[] = []
    const alice = await signedIn(log)
    try {
      const topic = `${topics.prefix}:${alice.userId}:items`
      // A table of the test's own whose trigger broadcasts every change, as Supabase's guide writes it.
      await sql.unsafe(`
        create schema ${schema};
        create table ${schema}.items (id int primary key, name text not null);
        create function ${schema}.broadcast() returns trigger language plpgsql security definer as $$
        begin
          perform realtime.broadcast_changes('${topic}', tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
          return null;
        end $$;
        create trigger broadcast after insert or update or delete on ${schema}.items
          for each row execute function ${schema}.broadcast();`)
      const changes = listen(alice.supabase, topic)
      assert.equal((await subscribe(changes.channel)).status, 'SUBSCRIBED')

      await sql.unsafe(`insert into ${schema}.items values (1, 'first')`)
      await sql.unsafe(`update ${schema}.items set name = 'renamed' where id = 1`)
      // A refreshed session reaches realtime-js (setAuth), which sends the new token on the joined channel.
      // Within the second of the sign-up, the refreshed token would be the same one (same claims, same key).
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const { error } = await alice.supabase.auth.refreshSession()
      assert.equal(error, null)
      await sql.unsafe(`delete from ${schema}.items where id = 1`)

      await waitFor('three changes', () => changes.received.length === 3)
      const base = { table: 'items', schema }
      assert.deepEqual(changes.received.map((m) => [m.event, m.payload]), [
        ['INSERT', { ...base, operation: 'INSERT', record: { id: 1, name: 'first' }, old_record: null }],
        ['UPDATE', {
          ...base,
          operation: 'UPDATE',
          record: { id: 1, name: 'renamed' },
          old_record: { id: 1, name: 'first' },
        }],
        ['DELETE', { ...base, operation: 'DELETE', record: null, old_record: { id: 1, name: 'renamed' } }],
      ])
      const pushed = new RegExp(`^push realtime:${topic} access_token \\(\\d+, (\\d+)\\)$`)
      const tokenRef = log.map((line) => pushed.exec(line)?.[1]).find(Boolean)
      assert.ok(tokenRef, 'the refreshed token was sent')
      assert.ok(log.includes(`receive ok realtime:${topic} phx_reply (${tokenRef})`), 'and accepted')
      assert.equal(changes.channel.state, 'joined')
    } finally {
      await alice.supabase.removeAllChannels()
      await sql.unsafe(`drop schema if exists ${schema} cascade`)
      await topics.drop()
      await sql.end()
    }
  },
})

Deno.test({
  name: 'realtime via supabase-js: a tenant member receives call_changed on tenant:<id>:calls',
  sanitizeOps: false,
  async fn() {
    const sql = testSql()
    const owner = await signedIn()
    const outsider = await signedIn()
    try {
      const created = await owner.supabase.functions.invoke('tenants', {
        method: 'POST',
        body: {
          name: 'Realtime Garage',
          country: 'FR',
          language: 'fr',
          timezone: 'Europe/Paris',
          profession: 'garage',
        },
      })
      assert.equal(created.error, null)
      const topic = `tenant:${created.data.id}:calls`
      const calls = listen(owner.supabase, topic, 'call_changed')
      assert.equal((await subscribe(calls.channel)).status, 'SUBSCRIBED')
      assert.equal((await subscribe(listen(outsider.supabase, topic).channel)).status, 'CHANNEL_ERROR')

      const vapiCallId = `call-${crypto.randomUUID()}`
      await sql.begin(async (tx) => {
        await tx`set local role service_role`
        await tx`insert into public.calls (tenant_id, vapi_call_id, started_at)
          values (${created.data.id}, ${vapiCallId}, now())`
      })
      const [message] = await waitFor('call_changed', () => calls.received.length > 0 && calls.received)
      assert.equal(message.payload.vapi_call_id, vapiCallId)
      assert.equal(message.payload.status, 'queued')
    } finally {
      await owner.supabase.removeAllChannels()
      await outsider.supabase.removeAllChannels()
      await sql.end()
    }
  },
})
