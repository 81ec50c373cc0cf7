import assert from 'node:assert/strict'
import type { RotateWebhookSecretResponse, VapiSettings } from '../../../shared/contracts/settings.ts'
import postgres from 'postgres'
import { loadEnv } from '../_shared/env.ts'
import { createVapiFactory, vapiForTenant } from '../_shared/vapi.ts'
import {
  addMember,
  call,
  createTenant,
  expectProblem,
  ownerWithTenant,
  signUp,
  testDeps,
} from '../_shared/testing.ts'
import { createHandler } from './handler.ts'

const newKey = () => `sk_live_${crypto.randomUUID().replaceAll('-', '')}`

async function auditActions(deps: ReturnType<typeof testDeps>, tenantId: string) {
  const rows = await deps.db.asService((tx) =>
    tx<{ action: string; target: string | null; details: Record<string, unknown> }[]>`
      select action, target, details from public.audit_log where tenant_id = ${tenantId} order by id`
  )
  return rows.map((r) => ({ ...r }))
}

Deno.test('settings: save (validated by Vapi), preview, replace and delete the Vapi key, each audited', async () => {
  const deps = testDeps()
  try {
    const handler = createHandler(deps)
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
      webhook_url: `${loadEnv().SUPABASE_URL}/functions/v1/webhooks/vapi/${tenant.id}`,
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
    const rows = await deps.db.asService((tx) =>
      tx<{ ciphertext: string; key_id: string; updated_by: string }[]>`
        select ciphertext, key_id, updated_by from public.provider_credentials
        where tenant_id = ${tenant.id} and provider = 'vapi'`
    )
    assert.equal(rows.length, 1, 'replaced in place')
    assert.equal(rows[0].key_id, deps.secrets.currentKeyId)
    assert.equal(rows[0].updated_by, owner.id)
    assert.equal(
      await deps.secrets.open(rows[0].ciphertext, { tenantId: tenant.id, provider: 'vapi' }),
      second,
    )

    const removed = await call<VapiSettings>(handler, 'DELETE', '/settings/vapi', as)
    assert.equal(removed.status, 200)
    assert.equal(removed.body.has_vapi_key, false)
    assert.equal(removed.body.vapi_api_key_preview, null)
    await assert.rejects(vapiForTenant(deps, tenant.id), (e: Error & { code?: string }) => {
      return e.code === 'vapi_not_configured'
    })

    const audit = await auditActions(deps, tenant.id)
    assert.deepEqual(audit.map((a) => a.action), [
      'tenant.created',
      'settings.vapi_key.saved',
      'settings.vapi_key.saved',
      'settings.vapi_key.deleted',
    ])
    assert.deepEqual(audit[1].details, { preview: `sk_live_…${first.slice(-4)}` })
    assert.equal(audit[1].target, 'vapi')
  } finally {
    await deps.end()
  }
})

Deno.test('settings: a key Vapi refuses is a 422 on the field, and nothing is stored', async () => {
  const deps = testDeps()
  try {
    const handler = createHandler(deps)
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

    const stored = await deps.db.asService((tx) =>
      tx`select 1 from public.provider_credentials where tenant_id = ${tenant.id}`
    )
    assert.equal(stored.length, 0)
    assert.deepEqual((await auditActions(deps, tenant.id)).map((a) => a.action), ['tenant.created'])

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
  } finally {
    await deps.end()
  }
})

Deno.test('settings: Vapi unreachable is a 502 and nothing is stored', async () => {
  const closed = Deno.listen({ port: 0, hostname: '127.0.0.1' })
  const port = (closed.addr as Deno.NetAddr).port
  closed.close()
  const deps = testDeps({ vapi: createVapiFactory({ VAPI_BASE_URL: `http://127.0.0.1:${port}` }) })
  try {
    const handler = createHandler(deps)
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
    const stored = await deps.db.asService((tx) =>
      tx`select 1 from public.provider_credentials where tenant_id = ${tenant.id}`
    )
    assert.equal(stored.length, 0)
  } finally {
    await deps.end()
  }
})

Deno.test('settings: x-tenant-id is required and must be a uuid', async () => {
  const deps = testDeps()
  try {
    const handler = createHandler(deps)
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
  } finally {
    await deps.end()
  }
})

Deno.test('settings: roles — a viewer reads but cannot change; an agent cannot read; strangers get 404', async () => {
  const deps = testDeps()
  try {
    const handler = createHandler(deps)
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
  } finally {
    await deps.end()
  }
})

Deno.test('settings: public key shown in full; webhook secret returned once, then only previewed', async () => {
  const deps = testDeps()
  try {
    const handler = createHandler(deps)
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
    const [row] = await deps.db.asService((tx) =>
      tx<{ ciphertext: string }[]>`select ciphertext from public.provider_credentials
        where tenant_id = ${tenant.id} and provider = 'vapi_webhook'`
    )
    assert.equal(
      await deps.secrets.open(row.ciphertext, { tenantId: tenant.id, provider: 'vapi_webhook' }),
      again.body.webhook_secret,
    )

    const deleted = await call<VapiSettings>(handler, 'DELETE', '/settings/vapi/public-key', as)
    assert.equal(deleted.body.vapi_public_key, null)
    assert.equal(deleted.body.has_webhook_secret, true)
    assert.deepEqual((await auditActions(deps, tenant.id)).map((a) => a.action), [
      'tenant.created',
      'settings.vapi_public_key.saved',
      'settings.vapi_webhook_secret.rotated',
      'settings.vapi_webhook_secret.rotated',
      'settings.vapi_public_key.deleted',
    ])
  } finally {
    await deps.end()
  }
})

Deno.test('settings: a saved key is in no column of any table in plaintext, nor in any response', async () => {
  const deps = testDeps()
  try {
    const handler = createHandler(deps)
    const { as } = await ownerWithTenant(deps)
    const key = newKey()
    const bodies: string[] = []
    bodies.push((await call(handler, 'POST', '/settings/vapi', { ...as, body: { vapi_api_key: key } })).text)
    bodies.push((await call(handler, 'GET', '/settings/vapi', as)).text)
    bodies.push((await call(handler, 'POST', '/settings/vapi/webhook-secret', as)).text)
    for (const body of bodies) assert.ok(!body.includes(key) && !body.includes(key.slice(8, -4)))

    // As the database owner, not an API role: every table of every schema, RLS and grants aside.
    const env = loadEnv()
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
  } finally {
    await deps.end()
  }
})
