import assert from 'node:assert/strict'
import type { RotateWebhookSecretResponse, VapiSettings } from '../../../shared/contracts/settings.ts'
import postgres from 'postgres'
import { loadEnv } from '../_shared/env.ts'
import { createVapiFactory, vapiForTenant } from '../_shared/vapi.ts'
import {
  addMember,
  auditTrail,
  call,
  createTenant,
  credentialCount,
  expectProblem,
  ownerWithTenant,
  signUp,
  storedCredential,
  testEnv,
  withTestDeps,
} from '../_shared/testing.ts'
import settings from './handler.ts'

const newKey = () => `sk_live_${crypto.randomUUID().replaceAll('-', '')}`

Deno.test('settings: save (validated by Vapi), preview, replace and delete the Vapi key, each audited', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { owner, tenant, as } = await ownerWithTenant(deps)

    const empty = await call<VapiSettings>(handler, 'GET', '/settings/vapi', as)
    assert.equal(empty.status, 200, empty.text)
    assert.deepEqual(empty.body, {
      has_vapi_key: false,
      vapi_api_key_preview: null,
      vapi_api_key_updated_at: null,
      vapi_public_key: null,
      has_webhook_secret: false,
      webhook_secret_preview: null,
      webhook_url: `${loadEnv(testEnv()).SUPABASE_URL}/functions/v1/webhooks/vapi/${tenant.id}`,
      webhook_credential_id: null,
      webhook_auth: 'none',
      rejected_deliveries: 0,
      last_rejected_at: null,
      last_rejected_reason: null,
    })

    const first = newKey()
    const saved = await call<VapiSettings>(handler, 'POST', '/settings/vapi', {
      ...as,
      body: { vapi_api_key: first },
    })
    assert.equal(saved.status, 200, saved.text)
    assert.equal(saved.body.has_vapi_key, true)
    assert.equal(saved.body.vapi_api_key_preview, `sk_live_…${first.slice(-4)}`)
    assert.ok(saved.body.vapi_api_key_updated_at)
    assert.ok(!saved.text.includes(first))

    const read = await call<VapiSettings>(handler, 'GET', '/settings/vapi', as)
    assert.deepEqual(read.body, saved.body)

    // The stored key works: the tenant's client reaches Vapi (the sandbox) with it.
    const vapi = await vapiForTenant(deps, tenant.id)
    assert.ok(Array.isArray(await vapi.assistants.list({ limit: 1 })))

    const second = newKey()
    const replaced = await call<VapiSettings>(handler, 'POST', '/settings/vapi', {
      ...as,
      body: { vapi_api_key: second },
    })
    assert.equal(replaced.body.vapi_api_key_preview, `sk_live_…${second.slice(-4)}`)
    const row = await storedCredential(deps, tenant.id, 'vapi')
    assert.equal(await credentialCount(deps, tenant.id), 1, 'replaced in place')
    assert.equal(row!.key_id, deps.secrets.currentKeyId)
    assert.equal(row!.updated_by, owner.id)
    assert.equal(await deps.secrets.open(row!.ciphertext, { tenantId: tenant.id, provider: 'vapi' }), second)

    const removed = await call(handler, 'DELETE', '/settings/vapi', as)
    assert.equal(removed.status, 204, removed.text)
    assert.equal(removed.text, '')
    const after = await call<VapiSettings>(handler, 'GET', '/settings/vapi', as)
    assert.equal(after.body.has_vapi_key, false)
    assert.equal(after.body.vapi_api_key_preview, null)
    await assert.rejects(vapiForTenant(deps, tenant.id), (e: Error & { code?: string }) => {
      return e.code === 'vapi_not_configured'
    })

    const audit = await auditTrail(deps, tenant.id)
    assert.deepEqual(audit.map((a) => a.action), [
      'settings.vapi_key.saved',
      'settings.vapi_key.saved',
      'settings.vapi_key.deleted',
    ])
    assert.deepEqual(audit[0].details, { preview: `sk_live_…${first.slice(-4)}` })
    assert.equal(audit[0].target, 'vapi')
  }))

Deno.test('settings: a key Vapi refuses is a 422 on the field, and nothing is stored', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const problem = await expectProblem(
      handler,
      'POST',
      '/settings/vapi',
      {
        ...as,
        body: { vapi_api_key: 'invalid_revoked_0123456789' },
      },
      422,
      'vapi_key_invalid',
    )
    assert.deepEqual(problem.errors!.map((e) => e.field), ['vapi_api_key'])

    assert.equal(await credentialCount(deps, tenant.id), 0)
    assert.deepEqual(await auditTrail(deps, tenant.id), [])

    const bad = await expectProblem(
      handler,
      'POST',
      '/settings/vapi',
      { ...as, body: { vapi_api_key: 'a b' } },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors!.map((e) => e.field), ['vapi_api_key', 'vapi_api_key'])
    await expectProblem(
      handler,
      'POST',
      '/settings/vapi',
      { ...as, body: { key: 'x' } },
      400,
      'validation_failed',
    )
  }))

Deno.test('settings: a key that cannot travel in an HTTP header is a 400 on the field, not a Vapi error', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    // Beyond ISO-8859-1, Latin-1 but not ASCII, control characters, a DEL: none can be a bearer token.
    for (
      const key of [
        'sk_live_日本語キー123',
        'sk_live_clé_secrète',
        'sk_live_\u0001\u0002abcdef',
        'sk_live_abc\u007fdef',
      ]
    ) {
      for (
        const [method, path, field] of [
          ['POST', '/settings/vapi', 'vapi_api_key'],
          ['PUT', '/settings/vapi/public-key', 'vapi_public_key'],
        ]
      ) {
        const problem = await expectProblem(
          handler,
          method,
          path,
          { ...as, body: { [field]: key } },
          400,
          'validation_failed',
        )
        assert.deepEqual(problem.errors!.map((e) => e.field), [field], `${JSON.stringify(key)} on ${path}`)
      }
    }
    assert.equal(await credentialCount(deps, tenant.id), 0)
  }))

Deno.test('settings: Vapi unreachable is a 502 and nothing is stored', async () => {
  const closed = Deno.listen({ port: 0, hostname: '127.0.0.1' })
  const port = (closed.addr as Deno.NetAddr).port
  closed.close()
  const vapi = createVapiFactory({ VAPI_BASE_URL: `http://127.0.0.1:${port}` })
  await withTestDeps(settings, async ({ deps, handler }) => {
    const owner = await signUp('owner')
    const tenant = await createTenant(deps, owner)
    await expectProblem(
      handler,
      'POST',
      '/settings/vapi',
      {
        token: owner.token,
        tenant: tenant.id,
        body: { vapi_api_key: newKey() },
      },
      502,
      'vapi_unreachable',
    )
    assert.equal(await credentialCount(deps, tenant.id), 0)
  }, { vapi })
})

Deno.test('settings: x-tenant-id is required and must be a uuid', () =>
  withTestDeps(settings, async ({ handler }) => {
    const user = await signUp()
    const missing = await expectProblem(
      handler,
      'GET',
      '/settings/vapi',
      { token: user.token },
      400,
      'tenant_header_invalid',
    )
    assert.deepEqual(missing.errors!.map((e) => e.field), ['x-tenant-id'])
    const invalid = await expectProblem(
      handler,
      'POST',
      '/settings/vapi',
      {
        token: user.token,
        tenant: 'cabinet-dupont',
        body: { vapi_api_key: newKey() },
      },
      400,
      'tenant_header_invalid',
    )
    assert.equal(invalid.errors![0].field, 'x-tenant-id')
  }))

Deno.test('settings: roles — a viewer reads but cannot change; an agent cannot read; strangers get 404', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const owner = await signUp('owner')
    const viewer = await signUp('viewer')
    const agent = await signUp('agent')
    const tenantA = await createTenant(deps, owner, 'Tenant A')
    await addMember(deps, tenantA.id, viewer, 'viewer')
    await addMember(deps, tenantA.id, agent, 'agent')
    const key = newKey()
    await call(handler, 'POST', '/settings/vapi', {
      token: owner.token,
      tenant: tenantA.id,
      body: { vapi_api_key: key },
    })

    const seen = await call<VapiSettings>(handler, 'GET', '/settings/vapi', {
      token: viewer.token,
      tenant: tenantA.id,
    })
    assert.equal(seen.status, 200)
    assert.equal(seen.body.vapi_api_key_preview, `sk_live_…${key.slice(-4)}`)
    const asViewer = { token: viewer.token, tenant: tenantA.id }
    const denied = await expectProblem(
      handler,
      'POST',
      '/settings/vapi',
      {
        ...asViewer,
        body: { vapi_api_key: newKey() },
      },
      403,
      'forbidden',
    )
    assert.match(denied.detail!, /settings\.manage/)
    await expectProblem(handler, 'DELETE', '/settings/vapi', asViewer, 403, 'forbidden')
    await expectProblem(
      handler,
      'PUT',
      '/settings/vapi/public-key',
      {
        ...asViewer,
        body: { vapi_public_key: crypto.randomUUID() },
      },
      403,
      'forbidden',
    )
    await expectProblem(handler, 'POST', '/settings/vapi/webhook-secret', asViewer, 403, 'forbidden')
    await expectProblem(
      handler,
      'GET',
      '/settings/vapi',
      { token: agent.token, tenant: tenantA.id },
      403,
      'forbidden',
    )

    // Owner of tenant B, a stranger to A: neither reads nor writes A's settings.
    const ownerB = await signUp('owner-b')
    const tenantB = await createTenant(deps, ownerB, 'Tenant B')
    const asStranger = { token: ownerB.token, tenant: tenantA.id }
    await expectProblem(handler, 'GET', '/settings/vapi', asStranger, 404, 'tenant_not_found')
    await expectProblem(
      handler,
      'POST',
      '/settings/vapi',
      { ...asStranger, body: { vapi_api_key: newKey() } },
      404,
      'tenant_not_found',
    )
    await expectProblem(handler, 'DELETE', '/settings/vapi', asStranger, 404, 'tenant_not_found')
    await expectProblem(
      handler,
      'GET',
      '/settings/vapi',
      { token: owner.token, tenant: tenantB.id },
      404,
      'tenant_not_found',
    )

    const still = await call<VapiSettings>(handler, 'GET', '/settings/vapi', {
      token: owner.token,
      tenant: tenantA.id,
    })
    assert.equal(
      still.body.vapi_api_key_preview,
      `sk_live_…${key.slice(-4)}`,
      'untouched by the denied calls',
    )
  }))

Deno.test('settings: public key shown in full; webhook secret returned once, then only previewed', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const publicKey = crypto.randomUUID()

    const put = await call<VapiSettings>(handler, 'PUT', '/settings/vapi/public-key', {
      ...as,
      body: { vapi_public_key: publicKey },
    })
    assert.equal(put.status, 200, put.text)
    assert.equal(put.body.vapi_public_key, publicKey)
    assert.equal(put.body.has_vapi_key, false)

    const rotated = await call<RotateWebhookSecretResponse>(
      handler,
      'POST',
      '/settings/vapi/webhook-secret',
      as,
    )
    assert.equal(rotated.status, 200, rotated.text)
    const secret = rotated.body.webhook_secret
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(rotated.body.settings.has_webhook_secret, true)
    assert.ok(rotated.body.settings.webhook_secret_preview!.endsWith(secret.slice(-4)))
    const again = await call<RotateWebhookSecretResponse>(
      handler,
      'POST',
      '/settings/vapi/webhook-secret',
      as,
    )
    assert.notEqual(again.body.webhook_secret, secret)

    const read = await call<VapiSettings>(handler, 'GET', '/settings/vapi', as)
    assert.ok(!read.text.includes(secret) && !read.text.includes(again.body.webhook_secret))
    const row = await storedCredential(deps, tenant.id, 'vapi_webhook')
    assert.equal(
      await deps.secrets.open(row!.ciphertext, { tenantId: tenant.id, provider: 'vapi_webhook' }),
      again.body.webhook_secret,
    )

    const deleted = await call(handler, 'DELETE', '/settings/vapi/public-key', as)
    assert.equal(deleted.status, 204, deleted.text)
    const afterDelete = await call<VapiSettings>(handler, 'GET', '/settings/vapi', as)
    assert.equal(afterDelete.body.vapi_public_key, null)
    assert.equal(afterDelete.body.has_webhook_secret, true)
    assert.deepEqual((await auditTrail(deps, tenant.id)).map((a) => a.action), [
      'settings.vapi_public_key.saved',
      'settings.vapi_webhook_secret.rotated',
      'settings.vapi_webhook.synced',
      'settings.vapi_webhook_secret.rotated',
      'settings.vapi_webhook.synced',
      'settings.vapi_public_key.deleted',
    ])
  }))

Deno.test('settings: a saved key is in no column of any table in plaintext, nor in any response', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { as } = await ownerWithTenant(deps)
    const key = newKey()
    const bodies: string[] = []
    bodies.push((await call(handler, 'POST', '/settings/vapi', { ...as, body: { vapi_api_key: key } })).text)
    bodies.push((await call(handler, 'GET', '/settings/vapi', as)).text)
    bodies.push((await call(handler, 'POST', '/settings/vapi/webhook-secret', as)).text)
    for (const body of bodies) assert.ok(!body.includes(key) && !body.includes(key.slice(8, -4)))

    // As the database owner, not an API role: every table of every schema, RLS and grants aside.
    const env = loadEnv(testEnv())
    const sql = postgres(env.SUPABASE_DB_URL, { max: 1, prepare: env.DB_PREPARE, onnotice: () => {} })
    const hits: string[] = []
    try {
      const columns = await sql<{ schema: string; table: string; column: string; type: string }[]>`
        select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
        from information_schema.columns c
        join information_schema.tables t using (table_schema, table_name)
        where t.table_type = 'BASE TABLE'
          and c.table_schema not in ('pg_catalog', 'information_schema')
          and c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'ARRAY')`
      assert.ok(columns.some((c) => c.table === 'provider_credentials' && c.column === 'ciphertext'))
      assert.ok(columns.some((c) => c.schema === 'auth' && c.table === 'users'))
      for (const c of columns) {
        const value = c.type === 'bytea'
          ? sql`encode(${sql(c.column)}, 'escape')`
          : sql`${sql(c.column)}::text`
        const [{ n }] = await sql<{ n: number }[]>`
          select count(*)::int as n from ${sql(c.schema)}.${sql(c.table)} where strpos(${value}, ${key}) > 0`
        if (n > 0) hits.push(`${c.schema}.${c.table}.${c.column}`)
      }
    } finally {
      await sql.end()
    }
    assert.deepEqual(hits, [])
  }))
