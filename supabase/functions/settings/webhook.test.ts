/**
 * Webhook authentication everywhere: rotating the secret, saving or removing the HMAC credential id and the
 * explicit re-sync push the tenant's `server` block to every assistant, squad and phone number it has in Vapi
 * (checked in the sandbox with each tenant's own key), report what Vapi refused, and stay in the tenant.
 * The resources are made directly (Vapi through the SDK, our rows as the service role), as the voice
 * functions would.
 */
import assert from 'node:assert/strict'
import type { Vapi, VapiClient } from '@vapi-ai/server-sdk'
import type {
  RotateWebhookSecretResponse,
  VapiSettings,
  WebhookAuthChange,
} from '../../../shared/contracts/settings.ts'
import type { CoreDeps } from '../_shared/deps.ts'
import { loadEnv } from '../_shared/env.ts'
import type { Handler } from '../_shared/testing.ts'
import {
  auditTrail,
  call,
  expectProblem,
  memberWithRole,
  ownerWithTenant,
  storedCredential,
  testEnv,
  withTestDeps,
} from '../_shared/testing.ts'
import { createVapiFactory, loadVapiEnv } from '../_shared/vapi.ts'
import { buildServer, payloadHash, tenantMetadata } from '../_shared/voice.ts'
import settings from './handler.ts'

const VAPI_BASE_URL = loadVapiEnv(testEnv()).VAPI_BASE_URL
const SUPABASE_URL = loadEnv(testEnv()).SUPABASE_URL
const vapiWith = createVapiFactory({ VAPI_BASE_URL })
const newKey = () => `sk_live_${crypto.randomUUID().replaceAll('-', '')}`

type As = { token: string; tenant: string }

/** Saves a fresh Vapi key for the tenant and returns the tenant's client. */
async function configureVapi(handler: Handler, as: As): Promise<VapiClient> {
  const key = newKey()
  const saved = await call(handler, 'POST', '/settings/vapi', { ...as, body: { vapi_api_key: key } })
  assert.equal(saved.status, 200, saved.text)
  return vapiWith(key)
}

interface Seeded {
  assistants: { id: string; vapiId: string }[]
  workflow: { id: string; vapiId: string }
  number: { id: string; vapiId: string }
}

/** Two assistants, a two-step squad and a number answered by the first assistant: in Vapi, then our rows. */
async function seed(
  deps: CoreDeps,
  tenant: string,
  vapi: VapiClient,
  oldSecret = 'old-secret',
): Promise<Seeded> {
  const server = buildServer(SUPABASE_URL, tenant, { secret: oldSecret })
  const metadata = tenantMetadata(tenant)
  const assistants: Seeded['assistants'] = []
  for (const name of ['Front desk', 'After hours']) {
    const created = await vapi.assistants.create({ name, server, metadata })
    const [row] = await deps.db.asService((tx) =>
      tx<{ id: string }[]>`
        insert into public.assistants (tenant_id, vapi_id, name, vapi_payload, vapi_hash)
        values (${tenant}, ${created.id}, ${name}, ${tx.json(created as never)}, 'seed') returning id`
    )
    assistants.push({ id: row.id, vapiId: created.id })
  }
  const squad = await vapi.squads.create({
    name: 'Triage',
    // Vapi's squads have no metadata: their member assistants carry it.
    members: [
      { assistant: { name: 'Greeting', server, metadata } },
      { assistant: { name: 'Booking', server, metadata } },
    ],
  })
  const [workflow] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.workflows (tenant_id, vapi_id, name, vapi_payload, vapi_hash)
      values (${tenant}, ${squad.id}, 'Triage', ${tx.json(squad as never)}, 'seed') returning id`
  )
  const phone = await vapi.phoneNumbers.create({
    provider: 'vapi',
    numberDesiredAreaCode: '415',
    name: 'Main line',
    assistantId: assistants[0].vapiId,
    server,
  } as Vapi.CreatePhoneNumbersRequest) as { id: string; number: string }
  const [number] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.phone_numbers (tenant_id, vapi_id, number, name, source, assistant_id, vapi_payload)
      values (${tenant}, ${phone.id}, ${phone.number}, 'Main line', 'vapi', ${assistants[0].id},
        ${tx.json(phone as never)}) returning id`
  )
  return {
    assistants,
    workflow: { id: workflow.id, vapiId: squad.id },
    number: { id: number.id, vapiId: phone.id },
  }
}

/** Every `server` block of the tenant's resources as Vapi holds them now. */
async function serversInVapi(vapi: VapiClient, seeded: Seeded): Promise<Vapi.Server[]> {
  const servers: (Vapi.Server | undefined)[] = []
  for (const a of seeded.assistants) servers.push((await vapi.assistants.get({ id: a.vapiId })).server)
  const squad = await vapi.squads.get({ id: seeded.workflow.vapiId })
  for (const member of squad.members) servers.push(member.assistant?.server)
  const number = await vapi.phoneNumbers.get({ id: seeded.number.vapiId }) as { server?: Vapi.Server }
  servers.push(number.server)
  assert.equal(servers.length, 5)
  return servers.map((s) => {
    assert.ok(s, 'every resource carries a server block')
    return s
  })
}

function assertServer(
  server: Vapi.Server,
  tenant: string,
  auth: { secret: string } | { credentialId: string },
) {
  assert.equal(server.url, `${SUPABASE_URL}/functions/v1/webhooks/vapi/${tenant}`)
  assert.deepEqual(server.backoffPlan, { type: 'exponential', maxRetries: 5, baseDelaySeconds: 2 })
  if ('secret' in auth) {
    assert.deepEqual(server.headers, { 'x-vapi-secret': auth.secret })
    assert.equal(server.credentialId, undefined)
  } else {
    assert.equal(server.credentialId, auth.credentialId)
    assert.equal(server.headers?.['x-vapi-secret'], undefined, 'no secret header next to the credential')
  }
}

const HMAC_SECRET = 'hmac-secret-of-the-credential'

/** A webhook credential registered in the tenant's Vapi organisation (the dashboard's job in real Vapi). */
async function registerCredential(apiKey: string): Promise<string> {
  const response = await fetch(`${VAPI_BASE_URL}/credential`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      provider: 'webhook',
      name: 'Switchboard',
      authenticationPlan: { type: 'hmac', secretKey: HMAC_SECRET, algorithm: 'sha256' },
    }),
  })
  const body = await response.json()
  assert.equal(response.status, 201, JSON.stringify(body))
  return body.id
}

Deno.test('settings webhook: rotating the secret puts the new x-vapi-secret on every assistant, squad and number', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const vapi = await configureVapi(handler, as)
    const seeded = await seed(deps, tenant.id, vapi)

    // Tenant B, with its own key and resources: A's rotation never touches them.
    const b = await ownerWithTenant(deps)
    const vapiB = await configureVapi(handler, b.as)
    const seededB = await seed(deps, b.tenant.id, vapiB, 'b-secret')

    const rotated = await call<RotateWebhookSecretResponse>(
      handler,
      'POST',
      '/settings/vapi/webhook-secret',
      as,
    )
    assert.equal(rotated.status, 200, rotated.text)
    const secret = rotated.body.webhook_secret
    assert.deepEqual(rotated.body.propagation, { assistants: 2, workflows: 1, phone_numbers: 1, failed: [] })
    assert.ok(Date.parse(rotated.body.webhook_synced_at) <= Date.now())
    assert.equal(rotated.body.settings.webhook_auth, 'secret')
    for (const server of await serversInVapi(vapi, seeded)) assertServer(server, tenant.id, { secret })

    // What Vapi answered is stored, with its hash, but never the secret (every member may read vapi_payload).
    const rows = await deps.db.asService((tx) =>
      tx<{ vapi_payload: unknown; vapi_hash: string }[]>`
        select vapi_payload, vapi_hash from public.assistants where tenant_id = ${tenant.id}
        union all select vapi_payload, vapi_hash from public.workflows where tenant_id = ${tenant.id}
        union all select vapi_payload, vapi_hash from public.phone_numbers where tenant_id = ${tenant.id}`
    )
    assert.equal(rows.length, 4)
    for (const row of rows) {
      assert.equal(row.vapi_hash, await payloadHash(row.vapi_payload))
      assert.ok(
        !JSON.stringify(row.vapi_payload).includes(secret),
        'the webhook secret is not stored in clear',
      )
      assert.ok(JSON.stringify(row.vapi_payload).includes('"x-vapi-secret":"[redacted]"'))
    }

    for (const server of await serversInVapi(vapiB, seededB)) {
      assertServer(server, b.tenant.id, { secret: 'b-secret' })
    }
    const trail = await auditTrail(deps, tenant.id)
    const synced = trail.find((a) => a.action === 'settings.vapi_webhook.synced')
    assert.deepEqual(synced?.details, { assistants: 2, workflows: 1, phone_numbers: 1, failed: [] })
    assert.ok(!JSON.stringify(trail).includes(secret), 'the secret is never audited')
  }))

Deno.test('settings webhook: an HMAC credential (id and sealed secret) replaces the header everywhere; removing it restores the secret', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const key = newKey()
    await call(handler, 'POST', '/settings/vapi', { ...as, body: { vapi_api_key: key } })
    const vapi = vapiWith(key)
    const seeded = await seed(deps, tenant.id, vapi)
    const { webhook_secret: secret } = (await call<RotateWebhookSecretResponse>(
      handler,
      'POST',
      '/settings/vapi/webhook-secret',
      as,
    )).body
    const credentialId = await registerCredential(key)

    const bad = await expectProblem(
      handler,
      'PUT',
      '/settings/vapi/hmac-credential',
      { ...as, body: { credential_id: 'cred_123', secret: 'short' } },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors!.map((e) => e.field), ['credential_id', 'secret'])
    const missing = await expectProblem(
      handler,
      'PUT',
      '/settings/vapi/hmac-credential',
      { ...as, body: { credential_id: credentialId } },
      400,
      'validation_failed',
    )
    assert.deepEqual(missing.errors!.map((e) => e.field), ['secret'])
    assert.equal(await storedCredential(deps, tenant.id, 'vapi_webhook_credential'), null, 'nothing saved')

    const saved = await call<WebhookAuthChange>(handler, 'PUT', '/settings/vapi/hmac-credential', {
      ...as,
      body: { credential_id: credentialId, secret: HMAC_SECRET },
    })
    assert.equal(saved.status, 200, saved.text)
    assert.equal(saved.body.settings.webhook_auth, 'hmac_credential')
    assert.equal(saved.body.settings.webhook_credential_id, credentialId)
    assert.ok(!saved.text.includes(HMAC_SECRET), 'the HMAC secret is never sent back')
    const sealed = await storedCredential(deps, tenant.id, 'vapi_webhook_hmac')
    assert.equal(sealed!.preview, `hmac…tial`)
    assert.equal(
      await deps.secrets.open(sealed!.ciphertext, { tenantId: tenant.id, provider: 'vapi_webhook_hmac' }),
      HMAC_SECRET,
    )
    assert.deepEqual(saved.body.propagation, { assistants: 2, workflows: 1, phone_numbers: 1, failed: [] })
    for (const server of await serversInVapi(vapi, seeded)) assertServer(server, tenant.id, { credentialId })
    const read = await call<VapiSettings>(handler, 'GET', '/settings/vapi', as)
    assert.equal(read.body.webhook_credential_id, credentialId)

    const removed = await call<WebhookAuthChange>(handler, 'DELETE', '/settings/vapi/hmac-credential', as)
    assert.equal(removed.status, 200, removed.text)
    assert.equal(removed.body.settings.webhook_auth, 'secret')
    assert.equal(removed.body.settings.webhook_credential_id, null)
    assert.equal(
      await storedCredential(deps, tenant.id, 'vapi_webhook_hmac'),
      null,
      'the secret goes with the id',
    )
    assert.equal(removed.body.propagation.failed.length, 0)
    for (const server of await serversInVapi(vapi, seeded)) assertServer(server, tenant.id, { secret })

    assert.deepEqual(
      (await auditTrail(deps, tenant.id)).map((a) => a.action).filter((a) => a.includes('webhook')),
      [
        'settings.vapi_webhook_secret.rotated',
        'settings.vapi_webhook.synced',
        'settings.vapi_webhook_credential.saved',
        'settings.vapi_webhook_hmac.saved',
        'settings.vapi_webhook.synced',
        'settings.vapi_webhook_credential.deleted',
        'settings.vapi_webhook_hmac.deleted',
        'settings.vapi_webhook.synced',
      ],
    )
    const audited = JSON.stringify(await auditTrail(deps, tenant.id))
    assert.ok(!audited.includes(HMAC_SECRET), 'only its preview is audited')
  }))

Deno.test('settings webhook: what Vapi refuses is reported, the rest is updated, the secret rotated; retry re-pushes', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const vapi = await configureVapi(handler, as)
    const seeded = await seed(deps, tenant.id, vapi)
    // Deleted in Vapi's dashboard behind our back.
    await vapi.assistants.delete({ id: seeded.assistants[1].vapiId })

    const rotated = await call<RotateWebhookSecretResponse>(
      handler,
      'POST',
      '/settings/vapi/webhook-secret',
      as,
    )
    assert.equal(rotated.status, 200, rotated.text)
    const { propagation } = rotated.body
    assert.deepEqual({ ...propagation, failed: [] }, {
      assistants: 1,
      workflows: 1,
      phone_numbers: 1,
      failed: [],
    })
    assert.equal(propagation.failed.length, 1)
    assert.equal(propagation.failed[0].kind, 'assistant')
    assert.equal(propagation.failed[0].id, seeded.assistants[1].id)
    assert.equal(propagation.failed[0].name, 'After hours')
    assert.match(propagation.failed[0].reason, /Could not update the assistant/)
    assert.equal(
      rotated.body.settings.webhook_secret_preview!.slice(-4),
      rotated.body.webhook_secret.slice(-4),
    )
    const front = await vapi.assistants.get({ id: seeded.assistants[0].vapiId })
    assertServer(front.server!, tenant.id, { secret: rotated.body.webhook_secret })

    const retried = await call<WebhookAuthChange>(handler, 'POST', '/settings/vapi/webhook-sync', as)
    assert.equal(retried.status, 200, retried.text)
    assert.equal(retried.body.propagation.assistants, 1)
    assert.deepEqual(retried.body.propagation.failed.map((f) => f.id), [seeded.assistants[1].id])
  }))

Deno.test('settings webhook: a tenant without resources, or without a Vapi key, just stores the secret', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const zero = { assistants: 0, workflows: 0, phone_numbers: 0, failed: [] }
    const withKey = await ownerWithTenant(deps)
    await configureVapi(handler, withKey.as)
    const rotated = await call<RotateWebhookSecretResponse>(
      handler,
      'POST',
      '/settings/vapi/webhook-secret',
      withKey.as,
    )
    assert.equal(rotated.status, 200, rotated.text)
    assert.deepEqual(rotated.body.propagation, zero)

    const { as } = await ownerWithTenant(deps)
    const keyless = await call<RotateWebhookSecretResponse>(
      handler,
      'POST',
      '/settings/vapi/webhook-secret',
      as,
    )
    assert.equal(keyless.status, 200, keyless.text)
    assert.deepEqual(keyless.body.propagation, zero)
    assert.equal(keyless.body.settings.webhook_auth, 'secret')

    // Removing the credential with no secret yet generates one, so webhooks stay authenticated.
    const fresh = await ownerWithTenant(deps)
    const before = await call<VapiSettings>(handler, 'GET', '/settings/vapi', fresh.as)
    assert.equal(before.body.webhook_auth, 'none')
    const back = await call<WebhookAuthChange>(
      handler,
      'DELETE',
      '/settings/vapi/hmac-credential',
      fresh.as,
    )
    assert.equal(back.status, 200, back.text)
    assert.equal(back.body.settings.webhook_auth, 'secret')
    assert.deepEqual(back.body.propagation, zero)
  }))

Deno.test('settings webhook: viewers and agents cannot change it, strangers get 404, nothing moves in Vapi', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const vapi = await configureVapi(handler, as)
    const seeded = await seed(deps, tenant.id, vapi)
    const viewer = await memberWithRole(deps, tenant.id, 'viewer')
    const agent = await memberWithRole(deps, tenant.id, 'agent')
    const stranger = await ownerWithTenant(deps)
    const routes: [string, string, unknown?][] = [
      ['POST', '/settings/vapi/webhook-secret'],
      ['PUT', '/settings/vapi/hmac-credential', { credential_id: crypto.randomUUID(), secret: HMAC_SECRET }],
      ['DELETE', '/settings/vapi/hmac-credential'],
      ['POST', '/settings/vapi/webhook-sync'],
    ]
    for (const [method, path, body] of routes) {
      const denied = await expectProblem(handler, method, path, { ...viewer.as, body }, 403, 'forbidden')
      assert.match(denied.detail!, /settings\.manage/)
      await expectProblem(handler, method, path, { ...agent.as, body }, 403, 'forbidden')
      await expectProblem(
        handler,
        method,
        path,
        { token: stranger.owner.token, tenant: tenant.id, body },
        404,
        'tenant_not_found',
      )
    }
    // A stranger syncing its own tenant never reaches A's resources.
    const own = await call<WebhookAuthChange>(handler, 'POST', '/settings/vapi/webhook-sync', stranger.as)
    assert.equal(own.body.propagation.assistants, 0)
    for (const server of await serversInVapi(vapi, seeded)) {
      assertServer(server, tenant.id, { secret: 'old-secret' })
    }
    assert.ok(!(await auditTrail(deps, tenant.id)).some((a) => a.action.includes('webhook')))
  }))

Deno.test('settings webhook: the deliveries the webhook refused are counted, with when and why, per tenant', () =>
  withTestDeps(settings, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    const other = await ownerWithTenant(deps)
    const viewer = await memberWithRole(deps, tenant.id, 'viewer')
    // As the webhook counts them (supabase/functions/webhooks/authenticate.ts).
    const at = new Date('2026-11-22T10:00:00Z')
    await deps.db.asService((tx) =>
      tx`insert into public.webhook_rejections (tenant_id, provider, rejected, last_rejected_at, last_reason)
         values (${tenant.id}, 'vapi', 3, ${at}, 'stale timestamp')`
    )
    for (const reader of [as, viewer.as]) {
      const read = await call<VapiSettings>(handler, 'GET', '/settings/vapi', reader)
      assert.equal(read.status, 200, read.text)
      assert.equal(read.body.rejected_deliveries, 3)
      assert.equal(read.body.last_rejected_at, at.toISOString())
      assert.equal(read.body.last_rejected_reason, 'stale timestamp')
    }
    const untouched = await call<VapiSettings>(handler, 'GET', '/settings/vapi', other.as)
    assert.equal(untouched.body.rejected_deliveries, 0)
    assert.equal(untouched.body.last_rejected_reason, null)
  }))
