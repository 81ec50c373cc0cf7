/**
 * Test kit of the webhooks function: a tenant set up as the voice functions leave it (Vapi key, webhook
 * secret, an active assistant and a number in the stack's Vapi sandbox, carrying our `server` block, with
 * their rows), deliveries signed as Vapi signs them, and probes of what the database holds (service role).
 * Test code only.
 */
import assert from 'node:assert/strict'
import type { Vapi, VapiClient } from '@vapi-ai/server-sdk'
import type { CoreDeps } from '../_shared/deps.ts'
import { loadEnv } from '../_shared/env.ts'
import { type Handler, saveCredential, testEnv, type TestUser, voiceTenant } from '../_shared/testing.ts'
import { createVapiFactory, loadVapiEnv } from '../_shared/vapi.ts'
import { buildServer, SERVER_MESSAGES, tenantMetadata } from '../_shared/voice.ts'

export const VAPI_BASE_URL = () => loadVapiEnv(testEnv()).VAPI_BASE_URL
export const SUPABASE_URL = () => loadEnv(testEnv()).SUPABASE_URL
const vapiFactory = () => createVapiFactory({ VAPI_BASE_URL: VAPI_BASE_URL() })

/** The caller of the sandbox's calls: a French mobile, shown "+33 6 12 34 56 78". */
export const CALLER = '+33612345678'

/** What the assistant extracts from each call (Vapi's structured-data plan). */
const STRUCTURED_SCHEMA = {
  type: 'object',
  properties: { caller_name: { type: 'string' }, reason: { type: 'string' } },
}

export interface VoiceFixture {
  tenant: string
  owner: TestUser
  as: { token: string; tenant: string }
  key: string
  vapi: VapiClient
  secret: string
  assistant: { id: string; vapiId: string }
  number: { id: string; vapiId: string; number: string }
}

/**
 * A tenant with its Vapi key and webhook secret, an active assistant (our server block, our metadata, the
 * server messages we ask for) and a number answered by it, in Vapi and in our tables. `serverOrigin`
 * sends the messages to a test's own server instead of the stack's; `hmacSecret` authenticates with an HMAC credential instead.
 */
export async function voiceFixture(
  deps: CoreDeps,
  options: { serverOrigin?: string; language?: 'en' | 'fr'; hmacSecret?: string } = {},
): Promise<VoiceFixture> {
  const t = await voiceTenant({ ...deps, vapi: vapiFactory() })
  if (options.language) {
    await deps.db.asService((tx) =>
      tx`update public.tenants set language = ${options.language!} where id = ${t.tenant.id}`
    )
  }
  const secret = await saveCredential(
    deps,
    t.owner,
    t.tenant.id,
    'vapi_webhook',
    `whsec_${crypto.randomUUID()}`,
  )
  let auth: { secret: string } | { credentialId: string } = { secret }
  if (options.hmacSecret) {
    // As the tenant does it: the credential made in its Vapi dashboard, then its id and secret in Settings.
    const credentialId = await registerHmacCredential(t.key, options.hmacSecret)
    await saveCredential(deps, t.owner, t.tenant.id, 'vapi_webhook_credential', credentialId)
    await saveCredential(deps, t.owner, t.tenant.id, 'vapi_webhook_hmac', options.hmacSecret)
    auth = { credentialId }
  }
  const server = {
    ...buildServer(SUPABASE_URL(), t.tenant.id, auth),
    ...(options.serverOrigin ? { url: `${options.serverOrigin}${path(t.tenant.id)}` } : {}),
  }
  const created = await t.vapi.assistants.create({
    name: 'Front desk',
    firstMessage: 'Cabinet Test, bonjour.',
    server,
    metadata: tenantMetadata(t.tenant.id),
    serverMessages: [...SERVER_MESSAGES] as Vapi.CreateAssistantDtoServerMessagesItem[],
    analysisPlan: { structuredDataPlan: { enabled: true, schema: STRUCTURED_SCHEMA } },
  } as Vapi.CreateAssistantDto)
  const assistant = await insertAssistant(deps, t.tenant.id, created.id, true)
  const phone = await t.vapi.phoneNumbers.create({
    provider: 'vapi',
    numberDesiredAreaCode: '415',
    name: 'Main line',
    assistantId: created.id,
    server,
  } as Vapi.CreatePhoneNumbersRequest) as { id: string; number: string }
  const number = await insertNumber(deps, t.tenant.id, phone, { assistantId: assistant })
  return {
    tenant: t.tenant.id,
    owner: t.owner,
    as: t.as,
    key: t.key,
    vapi: t.vapi,
    secret,
    assistant: { id: assistant, vapiId: created.id },
    number: { id: number, vapiId: phone.id, number: phone.number },
  }
}

/** Our row of an assistant (fixture setup, as the assistants function writes it). */
export async function insertAssistant(deps: CoreDeps, tenant: string, vapiId: string, active: boolean) {
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.assistants (tenant_id, vapi_id, name, active)
      values (${tenant}, ${vapiId}, 'Front desk', ${active}) returning id`
  )
  return row.id
}

export async function insertWorkflow(deps: CoreDeps, tenant: string, vapiId: string) {
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.workflows (tenant_id, vapi_id, name) values (${tenant}, ${vapiId}, 'Triage') returning id`
  )
  return row.id
}

export async function insertNumber(
  deps: CoreDeps,
  tenant: string,
  phone: { id: string; number: string },
  answer: { assistantId?: string; workflowId?: string } = {},
) {
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.phone_numbers (tenant_id, vapi_id, number, name, source, assistant_id, workflow_id)
      values (${tenant}, ${phone.id}, ${phone.number}, 'Main line', 'vapi', ${answer.assistantId ?? null},
        ${answer.workflowId ?? null})
      returning id`
  )
  return row.id
}

/** An HMAC credential as Settings saves it: its id (shown) and its secret (sealed). */
export async function saveHmac(deps: CoreDeps, fixture: VoiceFixture, credentialId: string, secret: string) {
  await saveCredential(deps, fixture.owner, fixture.tenant, 'vapi_webhook_credential', credentialId)
  await saveCredential(deps, fixture.owner, fixture.tenant, 'vapi_webhook_hmac', secret)
}

/** An HMAC webhook credential in the organisation of `apiKey` (Vapi's dashboard makes them). */
async function registerHmacCredential(apiKey: string, secretKey: string): Promise<string> {
  const res = await fetch(`${VAPI_BASE_URL()}/credential`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      provider: 'webhook',
      name: 'Switchboard',
      authenticationPlan: { type: 'hmac', secretKey, algorithm: 'sha256' },
    }),
  })
  const body = await res.json()
  assert.equal(res.status, 201, JSON.stringify(body))
  return body.id
}

// Deliveries ---------------------------------------------------------------------------------------------

export const path = (tenant: string) => `/webhooks/vapi/${tenant}`

/** A Vapi Call as a server message carries it, for the fixture's number and assistant. */
export function vapiCall(fixture: VoiceFixture, fields: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    orgId: crypto.randomUUID(),
    type: 'inboundPhoneCall',
    status: 'queued',
    createdAt: '2026-11-22T09:59:58.000Z',
    assistantId: fixture.assistant.vapiId,
    phoneNumberId: fixture.number.vapiId,
    customer: { number: CALLER },
    ...fields,
  }
}

/** A full report for `call`, as Vapi sends it (presigned recording URLs made unique per call of this). */
export function report(call: { id: string } & Record<string, unknown>, timestamp: number, signature = 'a') {
  const base = `https://storage.vapi.example/${call.id}`
  return {
    type: 'end-of-call-report',
    timestamp,
    call,
    endedReason: 'customer-ended-call',
    startedAt: '2026-11-22T10:00:00.000Z',
    endedAt: '2026-11-22T10:01:05.400Z',
    cost: 0.1234,
    costs: [
      { type: 'transport', provider: 'vapi.sip', minutes: 1.09, cost: 0 },
      {
        type: 'transcriber',
        transcriber: { provider: 'deepgram', model: 'nova-3' },
        minutes: 1.09,
        cost: 0.0109,
      },
      { type: 'model', model: { provider: 'openai', model: 'gpt-4o' }, promptTokens: 900, cost: 0.0675 },
      { type: 'voice', voice: { provider: 'vapi', voiceId: 'Elliot' }, characters: 200, cost: 0.002 },
      { type: 'vapi', subType: 'normal', minutes: 1.09, cost: 0.043 },
    ],
    artifact: {
      transcript: 'AI: Cabinet Test, bonjour.\nUser: I need an appointment.',
      messages: [
        { role: 'system', message: 'You are a receptionist.', time: 1, secondsFromStart: 0 },
        {
          role: 'bot',
          message: 'Cabinet Test, bonjour.',
          time: 1000,
          endTime: 2500,
          secondsFromStart: 0.5,
          duration: 1500,
        },
        {
          role: 'user',
          message: 'I need an appointment.',
          time: 3000,
          endTime: 4200,
          secondsFromStart: 2.5,
          duration: 1200,
        },
      ],
      recording: { mono: { combinedUrl: `${base}/mono.wav?X-Amz-Signature=${signature}` } },
      stereoRecordingUrl: `${base}/stereo.wav?X-Amz-Signature=${signature}`,
    },
    analysis: {
      summary: 'The caller asked for an appointment.',
      structuredData: { caller_name: 'Jordan', reason: 'booking' },
      successEvaluation: 'true',
    },
  }
}

/** Delivers `{ message }` to the handler with the tenant's secret (or the given headers instead). */
export async function deliver(
  handler: Handler,
  tenant: string,
  message: unknown,
  headers: Record<string, string> | { secret: string },
) {
  const raw = typeof message === 'string' ? message : JSON.stringify({ message })
  const res = await handler(
    new Request(`http://127.0.0.1${path(tenant)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...('secret' in headers ? { 'x-vapi-secret': headers.secret as string } : headers),
      },
      body: raw,
    }),
  )
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined }
}

/** Vapi's HMAC headers for a raw body: hex HMAC-SHA256 of `{timestamp}.{body}`. */
export async function signed(secret: string, raw: string, timestamp: number | string) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${raw}`))
  const signature = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return { 'x-signature': signature, 'x-timestamp': String(timestamp) }
}

// Probes ------------------------------------------------------------------------------------------------

export interface CallRecord {
  id: string
  vapi_call_id: string
  status: string
  direction: string
  from_number: string | null
  to_number: string | null
  assistant_id: string | null
  workflow_id: string | null
  phone_number_id: string | null
  started_at: Date
  ended_at: Date | null
  duration_s: number | null
  cost: string | null
  costs: unknown
  ended_reason: string | null
  summary: string | null
  structured_data: unknown
  success_evaluation: string | null
  transcript: string | null
  messages: unknown
  report_at: Date | null
  recording_state: string
  recording_source_url: string | null
  updated_at: Date
}

export async function callRows(deps: CoreDeps, tenant: string): Promise<CallRecord[]> {
  return await rowsOf(deps.db.asService((tx) =>
    tx<CallRecord[]>`
      select id, vapi_call_id, status, direction, from_number, to_number, assistant_id, workflow_id,
        phone_number_id, started_at, ended_at, duration_s, cost::text, costs, ended_reason, summary,
        structured_data, success_evaluation, transcript, messages, report_at, recording_state,
        recording_source_url, updated_at
      from public.calls where tenant_id = ${tenant} order by created_at`
  ))
}

export async function onlyCall(deps: CoreDeps, tenant: string): Promise<CallRecord> {
  const rows = await callRows(deps, tenant)
  assert.equal(rows.length, 1, `one call expected, got ${rows.length}`)
  return rows[0]
}

export async function events(deps: CoreDeps, tenant: string) {
  return await rowsOf(
    deps.db.asService((tx) =>
      tx<{ type: string; call_id: string | null; delivery_key: string; payload: Record<string, unknown> }[]>`
      select type, call_id, delivery_key, payload from public.call_events where tenant_id = ${tenant} order by id`
    ),
  )
}

export async function jobs(deps: CoreDeps, tenant: string) {
  return await rowsOf(
    deps.db.asService((tx) =>
      tx<{ kind: string; payload: Record<string, unknown>; dedupe_key: string | null }[]>`
      select kind, payload, dedupe_key from public.jobs where tenant_id = ${tenant} order by id`
    ),
  )
}

export async function notifications(deps: CoreDeps, tenant: string) {
  return await rowsOf(
    deps.db.asService((tx) =>
      tx<{ user_id: string; kind: string; title: string; body: string | null; call_id: string }[]>`
      select user_id, kind, title, body, call_id from public.notifications where tenant_id = ${tenant}
      order by user_id`
    ),
  )
}

export async function rejections(deps: CoreDeps, tenant: string) {
  const [row] = await deps.db.asService((tx) =>
    tx<{ rejected: number; last_reason: string | null; last_rejected_at: Date | null }[]>`
      select rejected, last_reason, last_rejected_at from public.webhook_rejections where tenant_id = ${tenant}`
  )
  return row ?? { rejected: 0, last_reason: null, last_rejected_at: null }
}

/** The broadcasts sent on the tenant's calls topic, oldest first. */
export async function broadcasts(deps: CoreDeps, tenant: string) {
  return await rowsOf(deps.db.asService((tx) =>
    tx<{ event: string; payload: Record<string, unknown> }[]>`
      select event, payload from realtime.messages where topic = ${`tenant:${tenant}:calls`} order by id`
  ))
}

/** Plain rows: postgres.js adds properties to its result arrays, which deepEqual would compare. */
async function rowsOf<T>(result: Promise<T[]>): Promise<T[]> {
  return [...await result]
}

/** Nothing stored for the tenant: no call, no event. */
export async function assertNothingStored(deps: CoreDeps, tenant: string) {
  assert.deepEqual(await callRows(deps, tenant), [])
  assert.deepEqual(await events(deps, tenant), [])
}
