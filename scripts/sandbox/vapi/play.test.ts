import assert from 'node:assert/strict'
import type { Vapi } from '@vapi-ai/server-sdk'
import { playCall, waitForCall } from '../vapi.ts'
import { hex, hmac } from './delivery.ts'
import { validateSchema } from './validation.ts'
import { startReceiver, vapiFailure, withSandbox } from './testing.ts'

const EVERYTHING = ['status-update', 'transcript', 'conversation-update', 'end-of-call-report'] as const

Deno.test("a played call sends Vapi's messages in order to the assistant's server, with its x-vapi-secret header", async () => {
  const receiver = startReceiver()
  try {
    await withSandbox(async ({ sandbox, key, client }) => {
      const assistant = await client.assistants.create({
        name: 'Desk',
        firstMessage: 'Thanks for calling Acme, how can I help?',
        model: {
          provider: 'openai',
          model: 'gpt-4o',
          messages: [{ role: 'system', content: 'You are Acme.' }],
        },
        serverMessages: [...EVERYTHING],
        server: { url: receiver.url, headers: { 'x-vapi-secret': 'shh' } },
        analysisPlan: {
          structuredDataPlan: {
            enabled: true,
            schema: {
              type: 'object',
              properties: { callerName: { type: 'string' }, intent: { type: 'string' } },
            },
          },
        },
      })
      const number = await client.phoneNumbers.create({
        provider: 'vapi',
        numberDesiredAreaCode: '415',
        assistantId: assistant.id,
      })
      const { call, eventsUrl } = await playCall(sandbox.url, key, {
        phoneNumberId: number.id,
        customerNumber: '+14155550123',
      })
      assert.equal(call.status, 'queued')
      assert.equal(call.type, 'inboundPhoneCall')
      assert.match(
        eventsUrl,
        new RegExp(`^${sandbox.url}/sandbox/calls/${call.id}/events\\?token=[\\w-]{20,}$`),
      )

      const { call: ended, deliveries } = await waitForCall(sandbox.url, key, call.id)
      assert.ok(deliveries.every((d) => d.ok && d.attempts.length === 1))
      const types = receiver.types()
      assert.deepEqual(types.slice(0, 2), ['status-update', 'status-update'])
      assert.deepEqual(
        receiver.received.filter((r) => r.message.type === 'status-update').map((r) => r.message.status),
        ['ringing', 'in-progress', 'ended'],
      )
      assert.equal(types.at(-1), 'end-of-call-report')
      assert.equal(types.at(-2), 'status-update')
      assert.ok(!types.includes('speech-update'), "only the assistant's serverMessages are sent")
      assert.ok(receiver.received.every((r) => r.headers.get('x-vapi-secret') === 'shh'))
      assert.ok(
        receiver.received.every((r) => r.message.call && (r.message.call as Vapi.Call).id === call.id),
      )

      const transcripts = receiver.received.filter((r) => r.message.type === 'transcript').map((r) =>
        r.message
      )
      assert.deepEqual(transcripts.slice(0, 2).map((t) => [t.role, t.transcriptType]), [[
        'assistant',
        'partial',
      ], ['assistant', 'final']])
      assert.equal(transcripts[1].transcript, 'Thanks for calling Acme, how can I help?')
      assert.equal(
        transcripts.filter((t) => t.transcriptType === 'final').length,
        7,
        'first message, 5 default turns, goodbye',
      )

      const report = receiver.received.at(-1)!.message as unknown as Vapi.ServerMessageEndOfCallReport
      assert.equal(report.endedReason, 'assistant-ended-call')
      assert.ok(
        report.startedAt && report.endedAt && Date.parse(report.endedAt) > Date.parse(report.startedAt),
      )
      assert.ok(report.cost! > 0)
      assert.deepEqual(report.costs!.map((c) => c.type), [
        'transport',
        'transcriber',
        'model',
        'voice',
        'vapi',
      ])
      const artifact = report.artifact
      assert.equal(artifact.messages![0].role, 'system')
      assert.equal(
        (artifact.messages![1] as Vapi.BotMessage).message,
        'Thanks for calling Acme, how can I help?',
      )
      assert.match(
        artifact.transcript ?? '',
        /^AI: Thanks for calling Acme, how can I help\?\nUser: Hi, I'd like to book/,
      )
      assert.equal(artifact.recording?.mono?.combinedUrl, `${sandbox.url}/sandbox/recordings/${call.id}.wav`)
      assert.deepEqual(report.analysis.structuredData, { callerName: 'Jordan Miller', intent: 'booking' })
      assert.equal(report.analysis.successEvaluation, 'true')
      assert.match(report.analysis.summary ?? '', /book an appointment/)
      assert.deepEqual(validateSchema('ServerMessageEndOfCallReport', report, false), [])
      const update = receiver.received.find((r) => r.message.type === 'conversation-update')!.message
      assert.deepEqual(validateSchema('ServerMessageConversationUpdate', update, false), [])

      assert.equal(ended.status, 'ended')
      assert.equal(ended.endedReason, 'assistant-ended-call')
      assert.equal(ended.artifact?.transcript, artifact.transcript)
      const listed = await client.calls.list({ phoneNumberId: number.id })
      assert.deepEqual(listed.map((c) => c.id), [call.id])
      assert.deepEqual(await client.calls.list({ assistantId: crypto.randomUUID() }), [])
      assert.equal((await client.calls.get({ id: call.id })).cost, report.cost)
    })
  } finally {
    await receiver.stop()
  }
})

Deno.test('a played call signs its messages with the HMAC credential of server.credentialId', async () => {
  const receiver = startReceiver()
  try {
    await withSandbox(async ({ sandbox, key, client }) => {
      const res = await fetch(`${sandbox.url}/credential`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          provider: 'webhook',
          name: 'Webhook HMAC',
          authenticationPlan: {
            type: 'hmac',
            secretKey: 'hmac-secret',
            algorithm: 'sha256',
            signaturePrefix: 'sha256=',
          },
        }),
      })
      assert.equal(res.status, 201)
      const credential = await res.json()
      assert.equal(credential.authenticationPlan.secretKey, undefined, 'the secret is not sent back')

      const assistant = await client.assistants.create({
        name: 'Signed',
        serverMessages: ['end-of-call-report'],
        server: { url: receiver.url, credentialId: credential.id },
      })
      const { call } = await playCall(sandbox.url, key, {
        assistantId: assistant.id,
        script: [{ role: 'user', text: 'Bye.' }],
      })
      await waitForCall(sandbox.url, key, call.id)
      assert.deepEqual(receiver.types(), ['end-of-call-report'])
      const [{ headers, raw }] = receiver.received
      const timestamp = headers.get('x-timestamp')!
      assert.match(timestamp, /^\d{13}$/)
      const expected = `sha256=${hex(await hmac('sha256', 'hmac-secret', false, `${timestamp}.${raw}`))}`
      assert.equal(headers.get('x-signature'), expected)
      const forged = `sha256=${hex(await hmac('sha256', 'other-secret', false, `${timestamp}.${raw}`))}`
      assert.notEqual(headers.get('x-signature'), forged)

      const invalid = await fetch(`${sandbox.url}/credential`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          provider: 'webhook',
          authenticationPlan: { type: 'hmac', secretKey: 'x', algorithm: 'md5' },
        }),
      })
      assert.equal(invalid.status, 400)
      assert.match(
        JSON.stringify(await invalid.json()),
        /authenticationPlan.algorithm must be one of the following values: sha256, sha512, sha1/,
      )
    })
  } finally {
    await receiver.stop()
  }
})

Deno.test('a played call retries a message after a 500 as server.backoffPlan says, and not without one', async () => {
  const receiver = startReceiver((_, index) =>
    index === 0 ? new Response('boom', { status: 500 }) : undefined
  )
  try {
    await withSandbox(async ({ sandbox, key, client }) => {
      const assistant = await client.assistants.create({
        name: 'Retried',
        serverMessages: ['end-of-call-report'],
        server: {
          url: receiver.url,
          backoffPlan: {
            // The SDK types `type` as an object (the generator's reading of Vapi's contract); it is a string.
            type: 'fixed' as unknown as Record<string, unknown>,
            maxRetries: 2,
            baseDelaySeconds: 5,
          },
        },
      })
      const started = Date.now()
      const { call } = await playCall(sandbox.url, key, {
        assistantId: assistant.id,
        script: [{ role: 'user', text: 'Hello?' }],
      })
      const { deliveries } = await waitForCall(sandbox.url, key, call.id)
      assert.ok(Date.now() - started < 3000, 'the retry delay is scaled down')
      assert.deepEqual(deliveries.map((d) => [d.type, d.ok, d.attempts.map((a) => a.status)]), [
        ['end-of-call-report', true, [500, 200]],
      ])
      assert.equal(receiver.received.length, 2)
      assert.equal(
        receiver.received[0].raw,
        receiver.received[1].raw.replace(
          /"timestamp":\d+/,
          receiver.received[0].raw.match(/"timestamp":\d+/)![0],
        ),
      )
    })
  } finally {
    await receiver.stop()
  }

  const failing = startReceiver(() => new Response('down', { status: 503 }))
  try {
    await withSandbox(async ({ sandbox, key, client }) => {
      const assistant = await client.assistants.create({
        name: 'Not retried',
        serverMessages: ['end-of-call-report'],
        server: { url: failing.url },
      })
      const { call } = await playCall(sandbox.url, key, { assistantId: assistant.id })
      const { deliveries } = await waitForCall(sandbox.url, key, call.id)
      assert.deepEqual(deliveries.map((d) => [d.ok, d.attempts.length]), [[false, 1]])
    })
  } finally {
    await failing.stop()
  }
})

Deno.test('a number without an assistant asks its server (assistant-request) and the answer picks the assistant', async () => {
  let assistantId = ''
  const receiver = startReceiver((r) =>
    r.message.type === 'assistant-request'
      ? Response.json({ assistantId, assistantOverrides: { variableValues: { company: 'Acme' } } })
      : undefined
  )
  try {
    await withSandbox(async ({ sandbox, key, client }) => {
      const assistant = await client.assistants.create({
        name: 'Dynamic',
        firstMessage: 'Welcome to {{company}}!',
        serverMessages: ['status-update', 'transcript[transcriptType="final"]', 'end-of-call-report'],
      })
      assistantId = assistant.id
      const number = await client.phoneNumbers.create({
        provider: 'vapi',
        numberDesiredAreaCode: '212',
        server: { url: receiver.url, headers: { 'x-vapi-secret': 'line' } },
      })
      const { call } = await playCall(sandbox.url, key, { phoneNumberId: number.id })
      const { call: ended } = await waitForCall(sandbox.url, key, call.id)
      assert.equal(receiver.types()[0], 'assistant-request')
      assert.equal((receiver.received[0].message.phoneNumber as { id: string }).id, number.id)
      assert.equal(ended.assistantId, assistant.id)
      const finals = receiver.received.filter((r) => r.message.type === 'transcript')
      assert.ok(finals.every((r) => r.message.transcriptType === 'final'))
      assert.equal(finals[0].message.transcript, 'Welcome to Acme!')
      assert.ok(
        receiver.received.every((r) => r.headers.get('x-vapi-secret') === 'line'),
        "the number's server is used",
      )
      assert.equal(receiver.types().at(-1), 'end-of-call-report')
    })
  } finally {
    await receiver.stop()
  }
})

Deno.test('assistant-request answered with an error: the error is spoken and the call ends with its reason', async () => {
  const receiver = startReceiver((r) =>
    r.message.type === 'assistant-request' ? Response.json({ error: 'This line is closed.' }) : undefined
  )
  try {
    await withSandbox(async ({ sandbox, key, client }) => {
      const number = await client.phoneNumbers.create({
        provider: 'vapi',
        numberDesiredAreaCode: '212',
        server: { url: receiver.url },
      })
      const { call } = await playCall(sandbox.url, key, { phoneNumberId: number.id })
      const { call: ended } = await waitForCall(sandbox.url, key, call.id)
      assert.equal(ended.endedReason, 'assistant-request-returned-error')
      assert.equal(ended.artifact?.transcript, 'AI: This line is closed.')
      // Vapi's default serverMessages: status, speech and conversation updates, and the report.
      assert.deepEqual(receiver.types(), [
        'assistant-request',
        'status-update',
        'status-update',
        'speech-update',
        'speech-update',
        'conversation-update',
        'status-update',
        'end-of-call-report',
      ])

      const silent = await client.phoneNumbers.create({ provider: 'vapi', numberDesiredAreaCode: '312' })
      const { call: unrouted } = await playCall(sandbox.url, key, { phoneNumberId: silent.id })
      const { call: refused } = await waitForCall(sandbox.url, key, unrouted.id)
      assert.equal(refused.endedReason, 'call-start-error-neither-assistant-nor-server-set')
    })
  } finally {
    await receiver.stop()
  }
})

Deno.test('the recording is a real WAV file served without a key, and /call/:id/mono-recording redirects to it', async () => {
  await withSandbox(async ({ sandbox, key, client }) => {
    const assistant = await client.assistants.create({ name: 'Recorded', firstMessage: 'Hi there.' })
    const { call } = await playCall(sandbox.url, key, {
      assistantId: assistant.id,
      script: [{ role: 'user', text: 'Hello, I need a table for two.' }, {
        role: 'assistant',
        text: 'Done.',
      }],
    })
    const { call: ended } = await waitForCall(sandbox.url, key, call.id)
    const url = ended.artifact!.recording!.mono!.combinedUrl!
    const res = await fetch(url)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'audio/wav')
    const bytes = new Uint8Array(await res.arrayBuffer())
    const view = new DataView(bytes.buffer)
    const text = (offset: number, length: number) =>
      new TextDecoder().decode(bytes.subarray(offset, offset + length))
    assert.equal(text(0, 4), 'RIFF')
    assert.equal(view.getUint32(4, true), bytes.length - 8)
    assert.equal(text(8, 4), 'WAVE')
    assert.equal(text(12, 4), 'fmt ')
    assert.equal(view.getUint16(20, true), 1, 'PCM')
    assert.equal(view.getUint16(22, true), 1, 'mono')
    assert.equal(view.getUint32(24, true), 8000)
    assert.equal(view.getUint16(34, true), 16)
    assert.equal(text(36, 4), 'data')
    const seconds = view.getUint32(40, true) / (8000 * 2)
    assert.ok(seconds > 1 && seconds < 10, `${seconds} s`)
    assert.ok(new Int16Array(bytes.buffer.slice(44)).some((s) => Math.abs(s) > 5000), 'not silence')

    const stereo = new DataView(await (await fetch(ended.artifact!.recording!.stereoUrl!)).arrayBuffer())
    assert.equal(stereo.getUint16(22, true), 2)

    const redirect = await fetch(`${sandbox.url}/call/${call.id}/mono-recording`, {
      headers: { authorization: `Bearer ${key}` },
      redirect: 'manual',
    })
    assert.equal(redirect.status, 302)
    assert.equal(redirect.headers.get('location'), url)
    await redirect.body?.cancel()
    assert.equal((await fetch(`${sandbox.url}/sandbox/recordings/${crypto.randomUUID()}.wav`)).status, 404)

    assert.equal((await client.calls.delete({ id: call.id })).id, call.id)
    assert.equal((await vapiFailure(client.calls.get({ id: call.id }))).statusCode, 404)
    assert.equal((await fetch(url)).status, 404, 'a deleted call has no recording any more')
  })
})

/** Reads a Server-Sent Events stream to its end: `[event, data]` pairs. */
async function readEvents(res: Response): Promise<[string, unknown][]> {
  const text = await res.text()
  return text.split('\n\n').filter((block) => block.includes('event: ')).map((block) => {
    const event = /^event: (.*)$/m.exec(block)![1]
    const data = /^data: (.*)$/m.exec(block)![1]
    return [event, JSON.parse(data)]
  })
}

Deno.test('the events stream mirrors @vapi-ai/web for the browser: CORS, capability token, paced turns', async () => {
  await withSandbox(async ({ sandbox, key, client }) => {
    const assistant = await client.assistants.create({ name: 'Web', firstMessage: 'Hello from the web.' })
    const { call, eventsUrl } = await playCall(sandbox.url, key, {
      assistantId: assistant.id,
      web: true,
      script: [{ role: 'user', text: 'Hi!' }, { role: 'assistant', text: 'Bye now.' }],
    })
    assert.equal(call.type, 'webCall')

    const preflight = await fetch(eventsUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'GET' },
    })
    assert.equal(preflight.status, 204)
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*')
    await preflight.body?.cancel()

    const forged = await fetch(eventsUrl.replace(/token=.*/, 'token=guess'))
    assert.equal(forged.status, 404)
    await forged.body?.cancel()

    const res = await fetch(eventsUrl, { headers: { origin: 'http://127.0.0.1:5173' } })
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8')
    assert.equal(res.headers.get('access-control-allow-origin'), '*')
    const events = await readEvents(res)
    const names = events.map(([name]) => name)
    assert.equal(names[0], 'call-start')
    assert.equal(names.at(-1), 'call-end')
    assert.equal(names.filter((n) => n === 'speech-start').length, 2, 'the assistant speaks twice')
    assert.equal(names.filter((n) => n === 'speech-end').length, 2)
    const levels = events.filter(([n]) => n === 'volume-level').map(([, v]) => v as number)
    assert.ok(levels.length >= 4 && levels.every((v) => v >= 0 && v <= 1) && levels.some((v) => v > 0.5))
    const messages = events.filter(([n]) => n === 'message').map(([, m]) =>
      m as { type: string; [k: string]: unknown }
    )
    assert.deepEqual(
      messages.filter((m) => m.type === 'transcript' && m.transcriptType === 'final').map((
        m,
      ) => [m.role, m.transcript]),
      [['assistant', 'Hello from the web.'], ['user', 'Hi!'], ['assistant', 'Bye now.']],
    )
    assert.deepEqual(messages.filter((m) => m.type === 'status-update').map((m) => m.status), [
      'in-progress',
      'ended',
    ])
    assert.ok(messages.some((m) => m.type === 'conversation-update'))
    assert.ok(!messages.some((m) => m.type === 'end-of-call-report'), 'not a client message')
  })
})

Deno.test('turns are paced by turnDelayMs', async () => {
  await withSandbox(async ({ sandbox, key, client }) => {
    const assistant = await client.assistants.create({ name: 'Paced' })
    const started = Date.now()
    const { call } = await playCall(sandbox.url, key, {
      assistantId: assistant.id,
      script: [{ role: 'user', text: 'One.' }],
    })
    await waitForCall(sandbox.url, key, call.id)
    assert.ok(Date.now() - started >= 2 * 150, 'two turns, 150 ms apart at least')
  }, { turnDelayMs: 150 })
})

Deno.test('POST /sandbox/calls: refused without a key, with a revoked one, and for what the organisation lacks', async () => {
  await withSandbox(async ({ sandbox, key }) => {
    const anonymous = await fetch(`${sandbox.url}/sandbox/calls`, { method: 'POST', body: '{}' })
    assert.equal(anonymous.status, 401)
    await anonymous.body?.cancel()
    await assert.rejects(playCall(sandbox.url, 'invalid-key', { assistantId: crypto.randomUUID() }), /401/)
    await assert.rejects(
      playCall(sandbox.url, key, { assistantId: crypto.randomUUID() }),
      /Couldn't Find Assistant/,
    )
    await assert.rejects(playCall(sandbox.url, key, {}), /give an assistantId, a squadId or a phoneNumberId/)
    await assert.rejects(
      playCall(sandbox.url, key, { squadId: 'x', script: [{ role: 'robot' as 'user', text: '' }] }),
      /script\.0\.role must be one of the following values: user, assistant/,
    )
  })
})

Deno.test('a failing server URL never holds the call up: the browser sees it to the end while Vapi retries', async () => {
  const down = startReceiver(() => new Response('not found', { status: 404 }))
  try {
    await withSandbox(async ({ sandbox, key, client }) => {
      const assistant = await client.assistants.create({
        name: 'Unreachable server',
        firstMessage: 'Hello, you reached the front desk.',
        serverMessages: ['status-update', 'transcript', 'end-of-call-report'],
        server: {
          url: down.url,
          backoffPlan: {
            type: 'fixed' as unknown as Record<string, unknown>,
            maxRetries: 3,
            baseDelaySeconds: 10,
          },
        },
      })
      const started = Date.now()
      const { eventsUrl } = await playCall(sandbox.url, key, {
        assistantId: assistant.id,
        script: [{ role: 'user', text: 'I would like an appointment.' }],
        web: true,
      })
      // Read the stream as it comes, until the call ends (the stream itself stays open while Vapi retries).
      const reader = (await fetch(eventsUrl)).body!.pipeThrough(new TextDecoderStream()).getReader()
      let text = ''
      while (!text.includes('event: call-end')) {
        const { value, done } = await reader.read()
        if (done) break
        text += value
      }
      await reader.cancel()
      assert.match(text, /event: call-end/)
      assert.match(text, /I would like an appointment\./)
      assert.ok(Date.now() - started < 5000, 'the call played without waiting for the 10 s retries')
      assert.ok(down.received.length >= 1, 'the first message was sent')
    }, { retryDelayScale: 1 })
  } finally {
    await down.stop()
  }
})

Deno.test('the default caller speaks the language the assistant listens in', async () => {
  await withSandbox(async ({ sandbox, key, client }) => {
    const french = await client.assistants.create({
      name: 'Accueil',
      firstMessage: 'Cabinet Dupont, bonjour !',
      transcriber: { provider: 'deepgram', language: 'fr' } as Vapi.CreateAssistantDtoTranscriber,
    })
    const { eventsUrl } = await playCall(sandbox.url, key, { assistantId: french.id, web: true })
    const said = (await readEvents(await fetch(eventsUrl)))
      .filter(([event, data]) =>
        event === 'message' && (data as { transcriptType?: string }).transcriptType === 'final'
      )
      .map(([, data]) => (data as { transcript: string }).transcript)
    assert.equal(said[0], 'Cabinet Dupont, bonjour !')
    assert.ok(said.includes('Jordan Martin.'), said.join(' | '))
    assert.equal(said.at(-1), 'Avec plaisir. Au revoir !')
  })
})

Deno.test('a replayed call (at) keeps its historical timeline and sends only status updates and the report', async () => {
  const receiver = startReceiver()
  try {
    await withSandbox(async ({ sandbox, key, client }) => {
      const assistant = await client.assistants.create({
        name: 'Desk',
        firstMessage: 'Hello',
        serverMessages: [...EVERYTHING],
        server: { url: receiver.url, headers: { 'x-vapi-secret': 'shh' } },
      })
      const number = await client.phoneNumbers.create({
        provider: 'vapi',
        numberDesiredAreaCode: '415',
        assistantId: assistant.id,
      })
      const at = '2026-10-05T08:15:00.000Z'
      const answered = await playCall(sandbox.url, key, {
        phoneNumberId: number.id,
        at,
        recording: false,
        script: [{ role: 'user', text: 'Hi' }, { role: 'assistant', text: 'Goodbye' }],
      })
      await waitForCall(sandbox.url, key, answered.call.id)
      assert.deepEqual(receiver.types(), [
        'status-update',
        'status-update',
        'status-update',
        'end-of-call-report',
      ])
      const report = receiver.received.at(-1)!.message as unknown as Vapi.ServerMessageEndOfCallReport
      assert.equal(report.startedAt, at)
      assert.ok(
        Date.parse(report.endedAt!) > Date.parse(at) &&
          Date.parse(report.endedAt!) < Date.parse(at) + 600_000,
      )
      assert.equal(report.artifact.recording, undefined, 'recording: false sends none')
      assert.equal((report.call as Vapi.Call).createdAt, at)

      const missed = await playCall(sandbox.url, key, {
        phoneNumberId: number.id,
        at,
        unansweredReason: 'customer-did-not-answer',
      })
      const { call } = await waitForCall(sandbox.url, key, missed.call.id)
      assert.equal((call as Vapi.Call).endedReason, 'customer-did-not-answer')
      const last = receiver.received.at(-1)!.message as unknown as Vapi.ServerMessageEndOfCallReport
      assert.equal(last.endedReason, 'customer-did-not-answer')
      assert.equal(last.artifact.transcript, '')

      const bad = await fetch(`${sandbox.url}/sandbox/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumberId: number.id, at: 'yesterday' }),
      })
      assert.equal(bad.status, 400)
      assert.match(JSON.stringify(await bad.json()), /at must be a valid ISO 8601 date string/)
    })
  } finally {
    await receiver.stop()
  }
})
