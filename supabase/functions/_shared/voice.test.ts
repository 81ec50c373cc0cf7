import assert from 'node:assert/strict'
import { withoutSecrets } from './voice.ts'

Deno.test('a stored Vapi payload holds no credential: Twilio secrets dropped, server header values redacted', () => {
  const payload = {
    id: 'pn_1',
    provider: 'twilio',
    twilioAccountSid: 'AC123',
    twilioAuthToken: 'S3cret-token',
    twilioApiSecret: 'S3cret-api',
    server: { url: 'https://x.test/hook', headers: { 'x-vapi-secret': 'S3cret-hook' } },
    members: [{
      assistant: { name: 'Step', server: { url: 'u', headers: { 'x-vapi-secret': 'S3cret-hook' } } },
    }],
  }
  const stored = withoutSecrets(payload)
  const text = JSON.stringify(stored)
  for (const secret of ['S3cret-token', 'S3cret-api', 'S3cret-hook']) {
    assert.ok(!text.includes(secret), secret)
  }
  assert.deepEqual(stored, {
    id: 'pn_1',
    provider: 'twilio',
    twilioAccountSid: 'AC123',
    server: { url: 'https://x.test/hook', headers: { 'x-vapi-secret': '[redacted]' } },
    members: [{
      assistant: { name: 'Step', server: { url: 'u', headers: { 'x-vapi-secret': '[redacted]' } } },
    }],
  })
})
