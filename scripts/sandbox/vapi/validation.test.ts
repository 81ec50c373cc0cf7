import assert from 'node:assert/strict'
import { convertSchema, validateBody, validateSchema } from './validation.ts'

Deno.test('validation: optional properties may be null (class-validator @IsOptional), required ones may not', () => {
  assert.deepEqual(validateBody('post', '/v2/knowledge-base', { name: 'FAQ' }), [])
  assert.deepEqual(validateBody('patch', '/v2/knowledge-base/{id}', { name: null }), [])
  assert.deepEqual(validateBody('post', '/v2/knowledge-base', { name: null }), ['name must be a string'])
  assert.deepEqual(validateBody('post', '/v2/knowledge-base', {}), ['name must be a string'])
})

Deno.test('validation: a discriminated oneOf reports only the chosen branch, or the allowed values', () => {
  assert.deepEqual(
    validateBody('post', '/phone-number', {
      provider: 'twilio',
      number: '+14155550100',
      twilioAuthToken: 't',
    }),
    ['twilioAccountSid must be a string'],
  )
  assert.deepEqual(validateBody('post', '/phone-number', { provider: 'fax' }), [
    'provider must be one of the following values: byo-phone-number, twilio, vonage, vapi, telnyx',
  ])
  assert.deepEqual(
    validateBody('post', '/phone-number', { provider: 'vapi', numberDesiredAreaCode: '415', sipUri: 1 }),
    ['sipUri must be a string'],
  )
})

Deno.test('validation: nested unknown properties and limits carry their path, as NestJS prefixes them', () => {
  assert.deepEqual(
    validateBody('post', '/squad', {
      members: [{ assistantId: 'a' }, { assistant: { name: 'x'.repeat(41), colour: 1 } }],
    }),
    [
      'members.1.assistant.property colour should not exist',
      'members.1.assistant.name must be shorter than or equal to 40 characters',
    ],
  )
})

Deno.test("validation: the generator's array-of-enum and object-with-enum mistakes are read as meant", () => {
  assert.deepEqual(
    convertSchema({ type: 'array', enum: ['a', 'b'] }, {}, true),
    { type: 'array', items: { enum: ['a', 'b'] } },
  )
  assert.deepEqual(convertSchema({ type: 'object', enum: ['fixed'] }, {}, true), { enum: ['fixed'] })
  assert.deepEqual(
    validateBody('post', '/assistant', { serverMessages: ['end-of-call-report', 'transcript'] }),
    [],
  )
  assert.equal(validateBody('post', '/assistant', { serverMessages: ['nope'] }).length, 1)
  assert.deepEqual(
    validateSchema('BackoffPlan', { type: 'exponential', maxRetries: 11, baseDelaySeconds: 1 }),
    [
      'maxRetries must not be greater than 10',
    ],
  )
})
