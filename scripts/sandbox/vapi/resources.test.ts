import assert from 'node:assert/strict'
import type { Vapi } from '@vapi-ai/server-sdk'
import { vapiFailure, withSandbox } from './testing.ts'

Deno.test('assistants: create, list newest first with limit and time cursors, get, patch merges, delete', async () => {
  await withSandbox(async ({ client }) => {
    const first = await client.assistants.create({
      name: 'Front desk',
      firstMessage: 'Hello!',
      model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: 'Be kind.' }] },
      metadata: { tenantId: 't1' },
    })
    assert.match(first.id, /^[0-9a-f-]{36}$/)
    assert.ok(first.orgId && first.createdAt && first.updatedAt)
    assert.equal(first.name, 'Front desk')
    const second = await client.assistants.create({ name: 'Night desk' })

    assert.deepEqual((await client.assistants.list()).map((a) => a.name), ['Night desk', 'Front desk'])
    assert.deepEqual((await client.assistants.list({ limit: 1 })).map((a) => a.id), [second.id])
    assert.deepEqual((await client.assistants.list({ createdAtLt: second.createdAt })).map((a) => a.id), [
      first.id,
    ])
    assert.deepEqual((await client.assistants.list({ createdAtGt: first.createdAt })).map((a) => a.id), [
      second.id,
    ])

    const updated = await client.assistants.update({ id: first.id, firstMessage: 'Good morning!' })
    assert.equal(updated.firstMessage, 'Good morning!')
    assert.equal(updated.name, 'Front desk', 'fields not sent are kept')
    assert.deepEqual(updated.metadata, { tenantId: 't1' })
    assert.ok(updated.updatedAt > first.updatedAt)
    assert.equal((await client.assistants.get({ id: first.id })).firstMessage, 'Good morning!')

    assert.equal((await client.assistants.delete({ id: first.id })).id, first.id)
    const gone = await vapiFailure(client.assistants.get({ id: first.id }))
    assert.equal(gone.statusCode, 404)
    assert.equal(gone.body.message, "Couldn't Get Assistant. `assistant` Not Found.")
  })
})

Deno.test("assistants: a body Vapi would reject gets Vapi's 400 with class-validator messages", async () => {
  await withSandbox(async ({ sandbox, key }) => {
    const res = await fetch(`${sandbox.url}/assistant`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'x'.repeat(41),
        foo: 1,
        maxDurationSeconds: 5,
        firstMessageMode: 'shout',
        model: { provider: 'openai', model: 'gpt-4o', temperature: 'hot' },
        server: { url: 'https://example.test/hook', timeoutSeconds: 0 },
      }),
    })
    assert.equal(res.status, 400)
    const body = await res.json()
    assert.equal(body.error, 'Bad Request')
    assert.equal(body.statusCode, 400)
    for (
      const expected of [
        'name must be shorter than or equal to 40 characters',
        'property foo should not exist',
        'maxDurationSeconds must not be less than 10',
        'model.temperature must be a number conforming to the specified constraints',
        'server.timeoutSeconds must not be less than 1',
      ]
    ) assert.ok(body.message.includes(expected), `${expected} in ${JSON.stringify(body.message)}`)
    assert.ok(
      body.message.some((m: string) =>
        m.startsWith('firstMessageMode must be one of the following values: ')
      ),
    )
    assert.equal(
      (await (await fetch(`${sandbox.url}/assistant`, { headers: { authorization: `Bearer ${key}` } }))
        .json()).length,
      0,
    )

    const notJson = await fetch(`${sandbox.url}/assistant`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{nope',
    })
    assert.equal(notJson.status, 400)

    const tooMany = await fetch(`${sandbox.url}/assistant?limit=1001`, {
      headers: { authorization: `Bearer ${key}` },
    })
    assert.equal(tooMany.status, 400)
    assert.deepEqual((await tooMany.json()).message, ['limit must not be greater than 1000'])
  })
})

Deno.test('assistants: a server.credentialId must be a credential of the organisation', async () => {
  await withSandbox(async ({ client }) => {
    const missing = await vapiFailure(
      client.assistants.create({
        name: 'A',
        server: { url: 'https://x.test', credentialId: crypto.randomUUID() },
      }),
    )
    assert.equal(missing.statusCode, 400)
    assert.match(JSON.stringify(missing.body.message), /credentialId: Couldn't Find Credential/)
  })
})

Deno.test('two keys are two organisations', async () => {
  await withSandbox(async ({ client, clientFor }) => {
    const mine = await client.assistants.create({ name: 'Mine' })
    const other = clientFor(`sk_test_${crypto.randomUUID()}`)
    assert.deepEqual(await other.assistants.list(), [])
    assert.equal((await vapiFailure(other.assistants.get({ id: mine.id }))).statusCode, 404)
    const theirs = await other.assistants.create({ name: 'Theirs' })
    assert.notEqual(theirs.orgId, mine.orgId)
    assert.deepEqual((await client.assistants.list()).map((a) => a.name), ['Mine'])
  })
})

Deno.test('squads: members by id or inline; an unknown member is a 400; a used assistant cannot be deleted', async () => {
  await withSandbox(async ({ client }) => {
    const desk = await client.assistants.create({ name: 'Desk' })
    const squad = await client.squads.create({
      name: 'Reception',
      members: [
        {
          assistantId: desk.id,
          assistantDestinations: [{ type: 'assistant', assistantName: 'Billing', message: 'One moment.' }],
        },
        { assistant: { name: 'Billing', firstMessage: 'Billing here.' } },
      ],
    })
    assert.equal(squad.members.length, 2)
    assert.equal((await client.squads.get({ id: squad.id })).name, 'Reception')
    assert.deepEqual((await client.squads.list()).map((s) => s.id), [squad.id])

    const unknown = await vapiFailure(
      client.squads.create({ members: [{ assistantId: crypto.randomUUID() }] }),
    )
    assert.equal(unknown.statusCode, 400)
    assert.match(JSON.stringify(unknown.body.message), /members\.0\.assistantId/)

    const inUse = await vapiFailure(client.assistants.delete({ id: desk.id }))
    assert.equal(inUse.statusCode, 400)
    assert.match(String(inUse.body.message), new RegExp(`squad "Reception" \\(${squad.id}\\)`))

    const renamed = await client.squads.update({ id: squad.id, name: 'Front', members: squad.members })
    assert.equal(renamed.name, 'Front')
    await client.squads.delete({ id: squad.id })
    assert.equal((await client.assistants.delete({ id: desk.id })).id, desk.id)
    assert.equal((await vapiFailure(client.squads.get({ id: squad.id }))).statusCode, 404)
  })
})

Deno.test('phone numbers: free Vapi numbers in US area codes, at most 5; Twilio imports keep their token secret', async () => {
  await withSandbox(async ({ client }) => {
    const desk = await client.assistants.create({ name: 'Desk' })
    const first = await client.phoneNumbers.create({
      provider: 'vapi',
      numberDesiredAreaCode: '415',
      assistantId: desk.id,
      name: 'Main line',
    }) as Vapi.VapiPhoneNumber
    assert.match(first.number ?? '', /^\+1415[2-9]\d{6}$/)
    assert.equal(first.status, 'active')
    assert.equal(first.assistantId, desk.id)

    const canada = await vapiFailure(
      client.phoneNumbers.create({ provider: 'vapi', numberDesiredAreaCode: '416' }),
    )
    assert.equal(canada.statusCode, 400)
    assert.match(JSON.stringify(canada.body.message), /416 is not a US area code/)
    const bogus = await vapiFailure(
      client.phoneNumbers.create({ provider: 'vapi', numberDesiredAreaCode: '4155' }),
    )
    assert.match(
      JSON.stringify(bogus.body.message),
      /numberDesiredAreaCode must be shorter than or equal to 3 characters/,
    )

    for (const area of ['212', '312', '646', '702']) {
      await client.phoneNumbers.create({ provider: 'vapi', numberDesiredAreaCode: area })
    }
    const sixth = await vapiFailure(
      client.phoneNumbers.create({ provider: 'vapi', numberDesiredAreaCode: '305' }),
    )
    assert.equal(sixth.statusCode, 400)
    assert.match(JSON.stringify(sixth.body.message), /limit of 5 free Vapi numbers/)

    const twilio = await client.phoneNumbers.create({
      provider: 'twilio',
      number: '+14155550199',
      twilioAccountSid: `AC${'0123456789abcdef'.repeat(2)}`,
      twilioAuthToken: 'super-secret-token',
    })
    assert.equal((twilio as Vapi.TwilioPhoneNumber).twilioAccountSid, `AC${'0123456789abcdef'.repeat(2)}`)
    assert.ok(!JSON.stringify(twilio).includes('super-secret-token'), 'the auth token is never sent back')
    assert.ok(
      !JSON.stringify(await client.phoneNumbers.get({ id: twilio.id })).includes('super-secret-token'),
    )
    assert.ok(!JSON.stringify(await client.phoneNumbers.list()).includes('super-secret-token'))

    const badTwilio = await vapiFailure(client.phoneNumbers.create({
      provider: 'twilio',
      number: '4155550199',
      twilioAccountSid: 'AC123',
      twilioAuthToken: 't',
    }))
    assert.deepEqual(badTwilio.body.message, [
      'number must be a valid phone number in E.164 format',
      'twilioAccountSid must be a Twilio Account SID (AC followed by 32 hexadecimal characters)',
    ])

    const byo = await client.phoneNumbers.create({
      provider: 'byo-phone-number',
      number: '+33123456789',
      credentialId: crypto.randomUUID(),
    })
    assert.equal(byo.provider, 'byo-phone-number')
    assert.equal((await client.phoneNumbers.list()).length, 7)
  })
})

Deno.test('phone numbers: update({ id, body }) routes the number; unknown assistants and squads are refused', async () => {
  await withSandbox(async ({ client }) => {
    const desk = await client.assistants.create({ name: 'Desk' })
    const number = await client.phoneNumbers.create({ provider: 'vapi', numberDesiredAreaCode: '212' })
    const routed = await client.phoneNumbers.update({
      id: number.id,
      body: {
        provider: 'vapi',
        assistantId: desk.id,
        name: 'Reception',
        server: { url: 'https://example.test/hook' },
        fallbackDestination: { type: 'number', number: '+14155550100' },
      },
    })
    assert.equal(routed.assistantId, desk.id)
    assert.equal(routed.name, 'Reception')

    const unknown = await vapiFailure(
      client.phoneNumbers.update({
        id: number.id,
        body: { provider: 'vapi', assistantId: crypto.randomUUID() },
      }),
    )
    assert.equal(unknown.statusCode, 400)
    assert.match(JSON.stringify(unknown.body.message), /assistantId: Couldn't Find Assistant/)
    const unknownSquad = await vapiFailure(
      client.phoneNumbers.update({ id: number.id, body: { provider: 'vapi', squadId: crypto.randomUUID() } }),
    )
    assert.match(JSON.stringify(unknownSquad.body.message), /squadId: Couldn't Find Squad/)

    const extra = await vapiFailure(
      client.phoneNumbers.update({
        id: number.id,
        body: { provider: 'vapi', twilioAuthToken: 'x' } as Vapi.UpdatePhoneNumbersRequestBody,
      }),
    )
    assert.deepEqual(extra.body.message, ['property twilioAuthToken should not exist'])

    const inUse = await vapiFailure(client.assistants.delete({ id: desk.id }))
    assert.match(String(inUse.body.message), /phone number \+1212/)
    await client.phoneNumbers.update({
      id: number.id,
      body: { provider: 'vapi', assistantId: null } as unknown as Vapi.UpdatePhoneNumbersRequestBody,
    })
    assert.equal((await client.phoneNumbers.get({ id: number.id })).assistantId, undefined)
    await client.assistants.delete({ id: desk.id })
    assert.equal((await client.phoneNumbers.delete({ id: number.id })).id, number.id)
    assert.equal((await vapiFailure(client.phoneNumbers.get({ id: number.id }))).statusCode, 404)
  })
})

Deno.test('files: multipart upload, processing then done, served at its url; list, rename, delete; too large is 413', async () => {
  await withSandbox(async ({ client, sandbox, key }) => {
    const content = 'Opening hours: 9 to 5.\n'
    const file = await client.files.create({
      file: new File([content], 'hours.txt', { type: 'text/plain' }),
      purpose: 'knowledge-base-v2',
      metadata: JSON.stringify({ tenantId: 't1' }),
    })
    assert.equal(file.status, 'processing')
    assert.equal(file.originalName, 'hours.txt')
    assert.equal(file.bytes, content.length)
    assert.equal(file.mimetype, 'text/plain')
    assert.equal(file.purpose, 'knowledge-base-v2')
    assert.deepEqual(file.metadata, { tenantId: 't1' })
    assert.equal(await (await fetch(file.url!)).text(), content, 'the url serves the bytes, without a key')

    await new Promise((resolve) => setTimeout(resolve, 350))
    assert.equal((await client.files.get({ id: file.id })).status, 'done')
    assert.deepEqual((await client.files.list({ purpose: 'knowledge-base-v2' })).map((f) => f.id), [file.id])
    assert.deepEqual(await client.files.list({ purpose: 'assistant' }), [])
    assert.equal((await client.files.update({ id: file.id, name: 'Hours' })).name, 'Hours')

    const form = new FormData()
    form.set('file', new File(['x'], 'a.txt'))
    form.set('purpose', 'nope')
    form.set('colour', 'blue')
    const invalid = await fetch(`${sandbox.url}/file`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    })
    assert.equal(invalid.status, 400)
    const messages = (await invalid.json()).message
    assert.ok(messages.includes('property colour should not exist'), JSON.stringify(messages))
    assert.ok(messages.some((m: string) => m.startsWith('purpose must be one of the following values')))

    const big = await vapiFailure(
      client.files.create({ file: new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.bin') }),
    )
    assert.equal(big.statusCode, 413)

    assert.equal((await client.files.delete({ id: file.id })).id, file.id)
    assert.equal((await vapiFailure(client.files.get({ id: file.id }))).statusCode, 404)
  })
})

Deno.test("knowledge bases: attach, index, list, detach and retry files; another organisation's file is not found", async () => {
  await withSandbox(async ({ client, clientFor }) => {
    const kb = await client.knowledgeBasesV2.knowledgeBaseV2ControllerCreate({ name: 'FAQ' })
    assert.equal(kb.name, 'FAQ')
    const file = await client.files.create({
      file: new File(['Q: open? A: yes'], 'faq.md', { type: 'text/markdown' }),
    })
    const attached = await client.knowledgeBasesV2.knowledgeBaseV2ControllerFileAttach({
      id: kb.id,
      fileId: file.id,
    })
    assert.equal(attached.status, 'indexing')
    assert.equal(attached.knowledgeBaseV2Id, kb.id)
    assert.equal(attached.fileId, file.id)

    const again = await vapiFailure(
      client.knowledgeBasesV2.knowledgeBaseV2ControllerFileAttach({ id: kb.id, fileId: file.id }),
    )
    assert.equal(again.statusCode, 400)
    const inUse = await vapiFailure(client.files.delete({ id: file.id }))
    assert.match(String(inUse.body.message), /attached to knowledge base "FAQ"/)

    await new Promise((resolve) => setTimeout(resolve, 700))
    const withFiles = await client.knowledgeBasesV2.knowledgeBaseV2ControllerFindOne({ id: kb.id })
    assert.deepEqual(withFiles.files.map((f) => [f.fileId, f.status]), [[file.id, 'ready']])
    assert.match(String(withFiles.toolId), /^[0-9a-f-]{36}$/, 'the base has its generated search tool')
    assert.deepEqual(
      (await client.knowledgeBasesV2.knowledgeBaseV2ControllerFilesGet({ id: kb.id })).map((f) => f.id),
      [attached.id],
    )
    assert.equal(
      (await client.knowledgeBasesV2.knowledgeBaseV2ControllerFileRetry({ id: kb.id, fileId: file.id }))
        .status,
      'indexing',
    )

    const other = clientFor(`sk_test_${crypto.randomUUID()}`)
    const theirs = await other.files.create({ file: new File(['x'], 'x.txt') })
    const foreign = await vapiFailure(
      client.knowledgeBasesV2.knowledgeBaseV2ControllerFileAttach({ id: kb.id, fileId: theirs.id }),
    )
    assert.equal(foreign.statusCode, 404)
    assert.equal(foreign.body.message, "Couldn't Get File. `file` Not Found.")
    const missing = await vapiFailure(
      client.knowledgeBasesV2.knowledgeBaseV2ControllerFileAttach({ id: kb.id, fileId: 'nope' }),
    )
    assert.equal(missing.statusCode, 404)

    const detached = await client.knowledgeBasesV2.knowledgeBaseV2ControllerFileDetach({
      id: kb.id,
      fileId: file.id,
    })
    assert.equal(detached.fileId, file.id)
    assert.deepEqual(await client.knowledgeBasesV2.knowledgeBaseV2ControllerFilesGet({ id: kb.id }), [])
    assert.equal(
      (await client.knowledgeBasesV2.knowledgeBaseV2ControllerUpdate({ id: kb.id, name: 'Questions' })).name,
      'Questions',
    )
    assert.deepEqual(
      (await client.knowledgeBasesV2.knowledgeBaseV2ControllerFindAll()).map((k) => k.name),
      ['Questions'],
    )
    await client.knowledgeBasesV2.knowledgeBaseV2ControllerRemove({ id: kb.id })
    assert.equal(
      (await vapiFailure(client.knowledgeBasesV2.knowledgeBaseV2ControllerFindOne({ id: kb.id }))).statusCode,
      404,
    )
    const invalid = await vapiFailure(client.knowledgeBasesV2.knowledgeBaseV2ControllerCreate({ name: '' }))
    assert.deepEqual(invalid.body.message, ['name must be longer than or equal to 1 characters'])
  })
})
