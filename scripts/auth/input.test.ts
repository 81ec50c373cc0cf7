/**
 * What the local auth accepts from a client, over real HTTP against a real database: bodies bounded in size
 * and depth, text that Postgres can store, passwords bcrypt reads whole; anything else a 4xx in GoTrue's
 * shape, never a 500 and never harm to the embedded database.
 */
import assert from 'node:assert/strict'
import { AuthApiError, createClient } from '@supabase/supabase-js'
import { fromDataException } from './errors.ts'
import { startTestAuth, testDatabase } from './testing.ts'
import postgres from 'postgres'

const password = 'correct horse battery'
const newEmail = () => `input-${crypto.randomUUID()}@test.local`
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

Deno.test('auth: bodies too large, too deep, or with unstorable text are 4xx naming the problem', async (t) => {
  const server = await startTestAuth()
  const { url } = server
  const anonKey = server.auth.anonKey
  const send = async (
    path: string,
    body: BodyInit,
    headers: Record<string, string> = {},
    method = 'POST',
  ) => {
    const res = await fetch(`${url}/auth/v1${path}`, {
      method,
      headers: { apikey: anonKey, 'content-type': 'application/json', ...headers },
      body,
    })
    return { status: res.status, json: await res.json() }
  }
  const signUp = (fields: Record<string, unknown>) =>
    send('/signup', JSON.stringify({ email: newEmail(), password, ...fields }))
  try {
    const { json: session } = await signUp({})
    const asUser = { authorization: `Bearer ${session.access_token}` }

    await t.step('metadata nested thousands deep is bad_json, and the database keeps serving', async () => {
      // 4,000 levels used to overflow the server's stack (a 500), 10,000 the embedded database's.
      for (const data of [nested(4_000), nested(10_000), '['.repeat(60_000)]) {
        const body = `{"email":"${newEmail()}","password":"${password}","data":${data}}`
        assert.deepEqual(await send('/signup', body), {
          status: 400,
          json: {
            code: 400,
            error_code: 'bad_json',
            msg: 'Could not parse request body as JSON: nested deeper than 32 levels',
          },
        }, `${data.length} bytes`)
      }
      const deepUpdate = await send('/user', `{"data":${nested(10_000)}}`, asUser, 'PUT')
      assert.equal(deepUpdate.json.error_code, 'bad_json')

      // Then requests that succeed, and one that the database rejects (the unique email), as before.
      const email = newEmail()
      assert.equal((await send('/signup', JSON.stringify({ email, password }))).status, 200)
      assert.equal(
        (await send('/signup', JSON.stringify({ email, password }))).json.error_code,
        'user_already_exists',
      )
      const signIn = await send('/token?grant_type=password', JSON.stringify({ email, password }))
      assert.equal(signIn.status, 200)
    })

    await t.step('the deepest metadata allowed is stored and read back', async () => {
      const { status, json } = await signUp({ data: JSON.parse(nested(31)) })
      assert.equal(status, 200)
      assert.deepEqual(json.user.user_metadata, JSON.parse(nested(31)))
    })

    await t.step('a body over 64 KiB is a 413, announced or streamed', async () => {
      const big = JSON.stringify({ email: newEmail(), password, data: { bio: 'x'.repeat(64 * 1024) } })
      const expected = {
        status: 413,
        json: { code: 413, error_code: 'validation_failed', msg: 'Request body is larger than 65536 bytes' },
      }
      assert.deepEqual(await send('/signup', big), expected)
      const streamed = ReadableStream.from([new TextEncoder().encode(big)])
      assert.deepEqual(await send('/signup', streamed), expected)
      assert.deepEqual(await send('/user', big, asUser, 'PUT'), expected)
    })

    await t.step('NUL and unpaired surrogates are a 400 naming the field, wherever they are', async () => {
      const refused = async (
        request: Promise<{ status: number; json: { error_code: string; msg: string } }>,
        field: string,
        reason: string,
      ) => {
        const { status, json } = await request
        assert.equal(status, 400, `${field}: ${JSON.stringify(json)}`)
        assert.equal(json.error_code, 'validation_failed')
        assert.equal(json.msg, `${field}: must not contain ${reason}`)
      }
      const nul = 'the NUL character (U+0000)'
      const surrogate = 'an unpaired UTF-16 surrogate (U+D800 to U+DFFF)'
      await refused(signUp({ email: `a\u0000${newEmail()}` }), 'email', nul)
      await refused(signUp({ password: `${password}\u0000` }), 'password', nul)
      await refused(signUp({ data: { bio: 'café \uD83D' } }), 'data.bio', surrogate)
      await refused(signUp({ data: { tags: ['ok', 'x\u0000'] } }), 'data.tags.1', nul)
      await refused(signUp({ data: { 'a\u0000b': 1 } }), 'data.a\\u0000b', nul)
      await refused(
        send('/token?grant_type=password', JSON.stringify({ email: 'a\u0000@b.c', password })),
        'email',
        nul,
      )
      await refused(
        send('/token?grant_type=refresh_token', JSON.stringify({ refresh_token: '\uDC00' })),
        'refresh_token',
        surrogate,
      )
      await refused(
        send('/user', JSON.stringify({ data: { name: '\u0000' } }), asUser, 'PUT'),
        'data.name',
        nul,
      )
      await refused(
        send('/user', JSON.stringify({ email: `\uD800${newEmail()}` }), asUser, 'PUT'),
        'email',
        surrogate,
      )

      const { status, json } = await signUp({ data: { name: 'Zoë 😀 日本' } })
      assert.equal(status, 200, 'paired surrogates (emoji) are text like any other')
      assert.equal(json.user.user_metadata.name, 'Zoë 😀 日本')
    })
  } finally {
    await server.stop()
  }
})

Deno.test('auth: passwords over 72 bytes are refused at sign-up and change, as GoTrue does', async () => {
  const server = await startTestAuth()
  const client = () =>
    createClient(server.url, server.auth.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    })
  try {
    // bcrypt reads 72 bytes: both of these would have opened an account created with the other.
    const long = 'p'.repeat(72)
    for (const tooLong of [long + 'a', '€'.repeat(25)]) {
      const { error } = await client().auth.signUp({ email: newEmail(), password: tooLong })
      assert.ok(error instanceof AuthApiError, `${tooLong.length} characters`)
      assert.equal(error.status, 400)
      assert.equal(error.code, 'validation_failed')
      assert.equal(error.message, 'Password cannot be longer than 72 characters')
    }

    const email = newEmail()
    const supabase = client()
    assert.equal((await supabase.auth.signUp({ email, password: long })).error, null, '72 bytes are fine')
    assert.equal((await client().auth.signInWithPassword({ email, password: long })).error, null)

    const change = await supabase.auth.updateUser({ password: '€'.repeat(24) + 'x' })
    assert.equal((change.error as AuthApiError | null)?.code, 'validation_failed')
    assert.equal(
      (await supabase.auth.updateUser({ password: '€'.repeat(24) })).error,
      null,
      'exactly 72 bytes',
    )
  } finally {
    await server.stop()
  }
})

Deno.test('auth: a Postgres data exception (class 22) is a 400, other database errors are not', async () => {
  const db = await testDatabase()
  const sql = postgres(db.url, { max: 1, prepare: db.prepare, onnotice: () => {} })
  try {
    for (const query of ['select 1 / 0', "select 'x'::int", `select '"\\u0000"'::jsonb`]) {
      const error = await sql.unsafe(query).then(() => undefined, (e) => e)
      const refused = fromDataException(error)
      assert.ok(refused, `${query}: ${error?.code}`)
      assert.equal(refused.status, 400)
      assert.equal(refused.errorCode, 'validation_failed')
      assert.equal(refused.message, `Invalid input: the database refused a value (SQLSTATE ${error.code})`)
    }
    const missing = await sql.unsafe('select * from no_such_table').then(() => undefined, (e) => e)
    assert.equal(missing.code, '42P01')
    assert.equal(fromDataException(missing), undefined)
  } finally {
    await sql.end()
    await db.stop()
  }
})
