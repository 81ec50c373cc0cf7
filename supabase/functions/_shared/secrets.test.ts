import assert from 'node:assert/strict'
import type { EncryptionKey } from './env.ts'
import { createSecrets, preview, randomSecret, sealedKeyId, SecretError } from './secrets.ts'

function key(id: string): EncryptionKey {
  return { id, bytes: crypto.getRandomValues(new Uint8Array(32)) }
}

const ctx = { tenantId: '7a1f9a4e-3a43-4c55-9c5f-0b1b6b1e2a10', provider: 'vapi' }
const SECRET = 'sk_live_0123456789abcdef0123456789ab9f2c'

Deno.test('secrets: seal then open returns the plaintext; the sealed text hides it and varies', async () => {
  const secrets = createSecrets([key('k1')])
  const a = await secrets.seal(SECRET, ctx)
  const b = await secrets.seal(SECRET, ctx)
  assert.equal(a.keyId, 'k1')
  assert.match(a.text, /^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)
  assert.notEqual(a.text, b.text, 'a fresh IV per seal')
  assert.ok(!a.text.includes(SECRET) && !a.text.includes(btoa(SECRET).slice(0, 12)))
  assert.equal(await secrets.open(a.text, ctx), SECRET)
  assert.equal(await secrets.open(b.text, ctx), SECRET)
  assert.equal(sealedKeyId(a.text), 'k1')
})

Deno.test('secrets: tampering with any part is detected', async () => {
  const secrets = createSecrets([key('k1')])
  const { text } = await secrets.seal(SECRET, ctx)
  const [v, id, iv, data] = text.split('.')
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1)
  for (
    const bad of [[v, id, flip(iv, 3), data], [v, id, iv, flip(data, 5)], [v, id, iv, data.slice(0, -2)]]
  ) {
    await assert.rejects(secrets.open(bad.join('.'), ctx), SecretError)
  }
  await assert.rejects(secrets.open('plaintext', ctx), SecretError)
  await assert.rejects(secrets.open(`v2.${id}.${iv}.${data}`, ctx), SecretError)
})

Deno.test('secrets: bound to tenant and provider (associated data)', async () => {
  const secrets = createSecrets([key('k1')])
  const { text } = await secrets.seal(SECRET, ctx)
  await assert.rejects(secrets.open(text, { ...ctx, tenantId: crypto.randomUUID() }), SecretError)
  await assert.rejects(secrets.open(text, { ...ctx, provider: 'vapi_webhook' }), SecretError)
})

Deno.test('secrets: rotation — the new key seals, old ciphertexts still open, reseal moves them', async () => {
  const k1 = key('k1')
  const k2 = key('k2')
  const before = createSecrets([k1])
  const old = await before.seal(SECRET, ctx)

  const after = createSecrets([k2, k1])
  assert.equal(after.currentKeyId, 'k2')
  assert.equal(await after.open(old.text, ctx), SECRET)
  assert.equal((await after.seal(SECRET, ctx)).keyId, 'k2')

  const moved = await after.reseal(old.text, ctx)
  assert.ok(moved)
  assert.equal(moved.keyId, 'k2')
  assert.equal(await after.reseal(moved.text, ctx), null, 'already current')

  const retired = createSecrets([k2])
  assert.equal(await retired.open(moved.text, ctx), SECRET)
  await assert.rejects(retired.open(old.text, ctx), /unknown key id "k1"/)
  // Same id, different bytes: a wrong key must not open either.
  await assert.rejects(createSecrets([key('k2')]).open(moved.text, ctx), SecretError)
})

Deno.test('secrets: preview shows a prefix and the last 4, never most of the secret', () => {
  assert.equal(preview(SECRET), 'sk_live_…9f2c')
  assert.equal(preview('3f1b2c9e-1111-4222-8333-44445555abcd'), '3f1b…abcd')
  assert.equal(preview('short-key'), '…')
  assert.equal(preview('abcdefghijklmnop'), '…mnop')
  const webhook = randomSecret()
  assert.match(webhook, /^[A-Za-z0-9_-]{43}$/)
  assert.ok(preview(webhook).endsWith(`…${webhook.slice(-4)}`))
  assert.notEqual(randomSecret(), webhook)
})
