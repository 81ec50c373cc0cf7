/**
 * `/phone-number`: numbers of the organisation. `provider: "vapi"` buys a free Vapi number in a US area code
 * (`numberDesiredAreaCode`; at most 5 per organisation, as Vapi's free numbers); `twilio` imports a Twilio
 * number (`number` in E.164, `twilioAccountSid`, `twilioAuthToken` or an API key and secret, never sent
 * back); `byo-phone-number`, `vonage` and `telnyx` are stored as sent. `assistantId` and `squadId` must
 * name an assistant or squad of the organisation. PATCH takes the fields of the number's own provider
 * (the SDK's `update({ id, body })`).
 */
import { Hono } from 'hono'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { Env, Org, PhoneNumber } from './orgs.ts'
import { notFound, vapiError } from './errors.ts'
import { listed, merged, timestamp, validJson } from './http.ts'
import { credentialProblem } from './credentials.ts'

export const phoneNumbers = new Hono<Env>()

/** Vapi's free numbers: "max 5 free numbers per account". */
export const VAPI_NUMBER_LIMIT = 5

const HIDDEN = ['twilioAuthToken', 'twilioApiSecret']
const E164 = /^\+[1-9]\d{6,14}$/
const TWILIO_SID = /^AC[0-9a-fA-F]{32}$/
const UPDATE_DTO: Record<PhoneNumber['provider'], string> = {
  'vapi': 'UpdateVapiPhoneNumberDTO',
  'twilio': 'UpdateTwilioPhoneNumberDTO',
  'vonage': 'UpdateVonagePhoneNumberDTO',
  'telnyx': 'UpdateTelnyxPhoneNumberDTO',
  'byo-phone-number': 'UpdateByoPhoneNumberDTO',
}

/** A number as answered: without its provider secrets. */
export function publicNumber(number: PhoneNumber): Record<string, unknown> {
  return Object.fromEntries(Object.entries(number).filter(([key]) => !HIDDEN.includes(key)))
}

/** Whether `areaCode` is a geographic area code of the United States (not Canada, not toll-free). */
export function isUsAreaCode(areaCode: string): boolean {
  if (!/^[2-9]\d{2}$/.test(areaCode)) return false
  const parsed = parsePhoneNumberFromString(`+1${areaCode}2345678`)
  return parsed?.country === 'US' && parsed.isValid() && parsed.getType() !== 'TOLL_FREE'
}

function routingProblems(org: Org, body: Record<string, unknown>): string[] {
  const problems: string[] = []
  if (typeof body.assistantId === 'string' && !org.assistants.has(body.assistantId)) {
    problems.push(`assistantId: Couldn't Find Assistant. \`assistant\` ${body.assistantId} Not Found.`)
  }
  if (typeof body.squadId === 'string' && !org.squads.has(body.squadId)) {
    problems.push(`squadId: Couldn't Find Squad. \`squad\` ${body.squadId} Not Found.`)
  }
  const credential = credentialProblem(org, body.server)
  if (credential) problems.push(credential)
  return problems
}

function newVapiNumber(org: Org, areaCode: string): string {
  const taken = new Set([...org.phoneNumbers.values()].map((n) => n.number))
  for (;;) {
    const digits = crypto.getRandomValues(new Uint32Array(1))[0] % 8_000_000 + 2_000_000
    const number = `+1${areaCode}${digits}`
    if (!taken.has(number)) return number
  }
}

phoneNumbers.post('/', async (c) => {
  const org = c.get('org')
  const body = await validJson(c, ['post', '/phone-number'])
  if (body instanceof Response) return body
  const problems = routingProblems(org, body)
  const extra: Record<string, unknown> = {}
  const provider = body.provider as PhoneNumber['provider']
  if (provider === 'vapi') {
    const areaCode = body.numberDesiredAreaCode as string | undefined
    if (!body.sipUri) {
      if (!areaCode) problems.push('numberDesiredAreaCode should not be empty')
      else if (!isUsAreaCode(areaCode)) {
        problems.push(
          `numberDesiredAreaCode: ${areaCode} is not a US area code. Free Vapi numbers are only available in US area codes.`,
        )
      }
    }
    const owned = [...org.phoneNumbers.values()].filter((n) => n.provider === 'vapi').length
    if (owned >= VAPI_NUMBER_LIMIT) {
      problems.push(
        `Couldn't Create Phone Number. You have reached the limit of ${VAPI_NUMBER_LIMIT} free Vapi numbers for this organization.`,
      )
    }
    if (!problems.length && areaCode) extra.number = newVapiNumber(org, areaCode)
  } else if (provider === 'twilio') {
    if (!E164.test(String(body.number))) problems.push('number must be a valid phone number in E.164 format')
    if (!TWILIO_SID.test(String(body.twilioAccountSid))) {
      problems.push(
        'twilioAccountSid must be a Twilio Account SID (AC followed by 32 hexadecimal characters)',
      )
    }
    if (!body.twilioAuthToken && !(body.twilioApiKey && body.twilioApiSecret)) {
      problems.push('twilioAuthToken should not be empty (or give twilioApiKey and twilioApiSecret)')
    }
    if ([...org.phoneNumbers.values()].some((n) => n.number === body.number)) {
      problems.push(`Number ${body.number} already exists in this organization.`)
    }
  } else if (
    typeof body.number === 'string' && body.numberE164CheckEnabled !== false && !E164.test(body.number)
  ) {
    problems.push('number must be a valid phone number in E.164 format')
  }
  if (problems.length) return vapiError(400, problems)
  const now = timestamp()
  const number = {
    ...body,
    ...extra,
    id: crypto.randomUUID(),
    orgId: org.id,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  } as PhoneNumber
  org.phoneNumbers.set(number.id, number)
  return c.json(publicNumber(number), 201)
})

phoneNumbers.get('/', (c) => listed(c, c.get('org').phoneNumbers.values(), { map: publicNumber }))

phoneNumbers.get('/:id', (c) => {
  const number = c.get('org').phoneNumbers.get(c.req.param('id'))
  return number ? c.json(publicNumber(number)) : notFound('Get', 'Phone Number', 'phoneNumber')
})

phoneNumbers.patch('/:id', async (c) => {
  const org = c.get('org')
  const number = org.phoneNumbers.get(c.req.param('id'))
  if (!number) return notFound('Update', 'Phone Number', 'phoneNumber')
  const fields = await validJson(c, { schema: UPDATE_DTO[number.provider] })
  if (fields instanceof Response) return fields
  if (fields.provider !== undefined && fields.provider !== number.provider) {
    return vapiError(400, [`provider cannot be changed (this number's provider is ${number.provider})`])
  }
  const problems = routingProblems(org, fields)
  if (
    typeof fields.number === 'string' && fields.numberE164CheckEnabled !== false && !E164.test(fields.number)
  ) {
    problems.push('number must be a valid phone number in E.164 format')
  }
  if (problems.length) return vapiError(400, problems)
  const updated = merged(number, fields)
  org.phoneNumbers.set(updated.id, updated)
  return c.json(publicNumber(updated))
})

phoneNumbers.delete('/:id', (c) => {
  const org = c.get('org')
  const number = org.phoneNumbers.get(c.req.param('id'))
  if (!number) return notFound('Delete', 'Phone Number', 'phoneNumber')
  org.phoneNumbers.delete(number.id)
  return c.json(publicNumber(number))
})
