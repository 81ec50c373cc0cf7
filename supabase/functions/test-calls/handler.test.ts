import assert from 'node:assert/strict'
import type { VapiClient } from '@vapi-ai/server-sdk'
import type { SimulatedTestCall, WebTestCall } from '../../../shared/contracts/test-calls.ts'
import type { CoreDeps } from '../_shared/deps.ts'
import {
  call,
  expectProblem,
  memberWithRole,
  ownerWithTenant,
  saveCredential,
  signUp,
  testEnv,
  withTestDeps,
} from '../_shared/testing.ts'
import { createVapiFactory, loadVapiEnv } from '../_shared/vapi.ts'
import testCalls from './handler.ts'

const PATH = '/test-calls'
const FIRST_MESSAGE = 'Hello, Cabinet Test here. How can I help?'
const vapiEnv = () => loadVapiEnv(testEnv())
const vapiClient = (key: string): VapiClient => createVapiFactory(vapiEnv())(key)

/** The deps' test-call mode, forced: the stack under test runs simulated calls. */
const mode = (simulated: boolean) => ({
  testCalls: { VAPI_SIMULATED_CALLS: simulated, vapiBaseUrl: vapiEnv().VAPI_BASE_URL },
})

/**
 * A tenant with its Vapi keys (unless left out) and one assistant: created in its Vapi organisation through
 * the SDK, and its row inserted as the service role (fixture setup, as the assistants function would).
 */
async function tenantWithAssistant(
  deps: CoreDeps,
  keys: { private?: boolean; public?: boolean } = {},
) {
  const fixture = await ownerWithTenant(deps)
  const apiKey = `sk_test_${crypto.randomUUID().replaceAll('-', '')}`
  const publicKey = `pk_${crypto.randomUUID()}`
  if (keys.private !== false) await saveCredential(deps, fixture.owner, fixture.tenant.id, 'vapi', apiKey)
  if (keys.public !== false) {
    await saveCredential(deps, fixture.owner, fixture.tenant.id, 'vapi_public', publicKey)
  }
  const vapi = vapiClient(apiKey)
  const created = await vapi.assistants.create({ name: 'Front desk', firstMessage: FIRST_MESSAGE })
  const assistantId = await insertAssistant(deps, fixture.tenant.id, created.id)
  return { ...fixture, apiKey, publicKey, vapi, assistantId, vapiAssistantId: created.id }
}

async function insertAssistant(deps: CoreDeps, tenant: string, vapiId: string): Promise<string> {
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.assistants (tenant_id, vapi_id, name, first_message)
      values (${tenant}, ${vapiId}, 'Front desk', ${FIRST_MESSAGE}) returning id`
  )
  return row.id
}

interface SseEvent {
  event: string
  data: unknown
}

/** Reads a Server-Sent Events stream until `call-end` (or the timeout), as the page's EventSource would. */
async function readEvents(url: string, timeoutMs = 30_000): Promise<SseEvent[]> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
  assert.equal(res.status, 200, `events URL answered ${res.status}`)
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/)
  const events: SseEvent[] = []
  const decoder = new TextDecoder()
  let buffer = ''
  const reader = res.body!.getReader()
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const lines = frame.split('\n')
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7)
        const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n')
        if (!event) continue
        events.push({ event, data: data ? JSON.parse(data) : undefined })
        if (event === 'call-end') return events
      }
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
  return events
}

interface TranscriptMessage {
  type: 'transcript'
  role: 'assistant' | 'user'
  transcriptType: 'partial' | 'final'
  transcript: string
}

Deno.test('test-calls: simulated mode plays the call in the sandbox; its events URL streams it to call-end', () =>
  withTestDeps(testCalls, async ({ deps, handler }) => {
    const { as, assistantId, vapi, vapiAssistantId } = await tenantWithAssistant(deps)
    const started = await call<SimulatedTestCall>(handler, 'POST', PATH, {
      ...as,
      body: { assistant_id: assistantId },
    })
    assert.equal(started.status, 200, started.text)
    assert.equal(started.body.mode, 'simulated')
    assert.ok(new URL(started.body.events_url).href, 'an absolute URL')
    assert.ok(!started.text.includes('sk_test_'), 'the private key never reaches the browser')

    const events = await readEvents(started.body.events_url)
    const names = events.map((e) => e.event)
    assert.equal(names[0], 'call-start', names.join())
    assert.equal(names.at(-1), 'call-end')
    assert.ok(names.includes('volume-level') && names.includes('speech-start'), names.join())
    const finals = events
      .filter((e) => e.event === 'message')
      .map((e) => e.data as TranscriptMessage)
      .filter((m) => m.type === 'transcript' && m.transcriptType === 'final')
    assert.deepEqual(finals[0], {
      type: 'transcript',
      role: 'assistant',
      transcriptType: 'final',
      transcript: FIRST_MESSAGE,
    })
    assert.ok(finals.some((m) => m.role === 'user'), 'the scripted caller speaks')

    // The call is the tenant's, in its own Vapi organisation, with its assistant.
    const played = await vapi.calls.get({ id: started.body.call_id })
    assert.equal(played.assistantId, vapiAssistantId)
    assert.equal(played.type, 'webCall')
  }, mode(true)))

Deno.test("test-calls: a simulated call runs in the caller's tenant's Vapi organisation only", () =>
  withTestDeps(testCalls, async ({ deps, handler }) => {
    const a = await tenantWithAssistant(deps)
    const b = await tenantWithAssistant(deps)
    const started = await call<SimulatedTestCall>(handler, 'POST', PATH, {
      ...a.as,
      body: { assistant_id: a.assistantId },
    })
    assert.equal(started.status, 200, started.text)
    await a.vapi.calls.get({ id: started.body.call_id })
    await assert.rejects(b.vapi.calls.get({ id: started.body.call_id }), "B's key does not see A's call")

    // B cannot start a call with A's assistant, whatever tenant header it uses.
    await expectProblem(
      handler,
      'POST',
      PATH,
      { ...b.as, body: { assistant_id: a.assistantId } },
      404,
      'assistant_not_found',
    )
    await expectProblem(
      handler,
      'POST',
      PATH,
      { token: b.owner.token, tenant: a.tenant.id, body: { assistant_id: a.assistantId } },
      404,
      'tenant_not_found',
    )
  }, mode(true)))

Deno.test('test-calls: web mode answers the public key and the Vapi assistant id; viewers may test', () =>
  withTestDeps(testCalls, async ({ deps, handler }) => {
    const { tenant, as, assistantId, publicKey, vapiAssistantId } = await tenantWithAssistant(deps)
    const expected: WebTestCall = { mode: 'web', public_key: publicKey, vapi_assistant_id: vapiAssistantId }

    const owner = await call<WebTestCall>(handler, 'POST', PATH, {
      ...as,
      body: { assistant_id: assistantId },
    })
    assert.equal(owner.status, 200, owner.text)
    assert.deepEqual(owner.body, expected)
    assert.ok(!owner.text.includes('sk_test_'), 'never the private key')

    for (const role of ['viewer', 'agent'] as const) {
      const member = await memberWithRole(deps, tenant.id, role)
      const res = await call<WebTestCall>(handler, 'POST', PATH, {
        ...member.as,
        body: { assistant_id: assistantId },
      })
      assert.equal(res.status, 200, `${role}: ${res.text}`)
      assert.deepEqual(res.body, expected)
    }
  }, mode(false)))

Deno.test('test-calls: web mode without a public key is a 409 pointing at Settings → Integrations', () =>
  withTestDeps(testCalls, async ({ deps, handler }) => {
    const { as, assistantId } = await tenantWithAssistant(deps, { public: false })
    const problem = await expectProblem(
      handler,
      'POST',
      PATH,
      { ...as, body: { assistant_id: assistantId } },
      409,
      'vapi_public_key_missing',
    )
    assert.match(problem.detail ?? '', /Settings → Integrations/)
  }, mode(false)))

Deno.test('test-calls: without a private key, both modes answer 409 vapi_not_configured', async () => {
  for (const simulated of [true, false]) {
    await withTestDeps(testCalls, async ({ deps, handler }) => {
      const { as, assistantId } = await tenantWithAssistant(deps, { private: false })
      await expectProblem(
        handler,
        'POST',
        PATH,
        { ...as, body: { assistant_id: assistantId } },
        409,
        'vapi_not_configured',
      )
    }, mode(simulated))
  }
})

Deno.test("test-calls: Vapi's refusals reach the user as 422 with Vapi's message", () =>
  withTestDeps(testCalls, async ({ deps, handler }) => {
    const { as, assistantId, vapi, vapiAssistantId } = await tenantWithAssistant(deps)
    // The assistant was deleted in Vapi's dashboard: Vapi cannot play it.
    await vapi.assistants.delete({ id: vapiAssistantId })
    const gone = await expectProblem(
      handler,
      'POST',
      PATH,
      { ...as, body: { assistant_id: assistantId } },
      422,
      'vapi_rejected',
    )
    assert.match(gone.detail ?? '', /Could not start the simulated call: .*Not Found/)

    // A revoked key.
    const other = await tenantWithAssistant(deps)
    await saveCredential(deps, other.owner, other.tenant.id, 'vapi', `invalid_${crypto.randomUUID()}`)
    await expectProblem(
      handler,
      'POST',
      PATH,
      { ...other.as, body: { assistant_id: other.assistantId } },
      422,
      'vapi_key_invalid',
    )
  }, mode(true)))

Deno.test('test-calls: Vapi out of reach is a 502, never a 500', () =>
  withTestDeps(testCalls, async ({ deps, handler }) => {
    const { as, assistantId } = await tenantWithAssistant(deps)
    await expectProblem(
      handler,
      'POST',
      PATH,
      { ...as, body: { assistant_id: assistantId } },
      502,
      'vapi_unreachable',
    )
  }, { testCalls: { VAPI_SIMULATED_CALLS: true, vapiBaseUrl: 'http://127.0.0.1:9' } }))

Deno.test('test-calls: unknown assistants, bad bodies and strangers are refused', () =>
  withTestDeps(testCalls, async ({ deps, handler }) => {
    const { as, tenant, assistantId } = await tenantWithAssistant(deps)
    await expectProblem(
      handler,
      'POST',
      PATH,
      { ...as, body: { assistant_id: crypto.randomUUID() } },
      404,
      'assistant_not_found',
    )
    const invalid = await expectProblem(
      handler,
      'POST',
      PATH,
      { ...as, body: { assistant_id: 'front-desk' } },
      400,
      'validation_failed',
    )
    assert.deepEqual(invalid.errors?.map((e) => e.field), ['assistant_id'])
    const missing = await expectProblem(handler, 'POST', PATH, { ...as, body: {} }, 400, 'validation_failed')
    assert.deepEqual(missing.errors?.map((e) => e.field), ['assistant_id'])

    const stranger = await signUp('stranger')
    await expectProblem(
      handler,
      'POST',
      PATH,
      { token: stranger.token, tenant: tenant.id, body: { assistant_id: assistantId } },
      404,
      'tenant_not_found',
    )
    await expectProblem(
      handler,
      'POST',
      PATH,
      { tenant: tenant.id, body: { assistant_id: assistantId } },
      401,
      'missing_token',
    )
  }, mode(false)))
