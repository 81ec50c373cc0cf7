/**
 * The `phone-numbers` function's route table: a tenant's numbers in its own Vapi organisation, got three
 * ways (a free Vapi number in a US area code, an imported Twilio number, or one from the platform's pool of
 * virtual numbers for the tenant's country), what answers each, and releasing them.
 */
import { z } from 'zod'
import { safeText } from '../text.ts'
import { ListQuery, page } from './pagination.ts'
import { defineContract } from './route.ts'
import { VAPI_PROBLEMS } from './vapi.ts'

/** Vapi's own limits on free numbers, shown to the user before they ask for one. */
export const VAPI_FREE_NUMBER_LIMIT = 5

export const PHONE_NUMBER_SOURCES = ['vapi', 'twilio', 'pool'] as const
export const PhoneNumberSource = z.enum(PHONE_NUMBER_SOURCES).describe(
  'How the tenant got it: a free Vapi number, its own Twilio number, or one from the platform pool',
)
export type PhoneNumberSource = z.infer<typeof PhoneNumberSource>

const E164 = /^\+[1-9]\d{6,14}$/
/** A number in E.164; spaces, dots, dashes and parentheses are dropped first ("+1 (415) 555-0100"). */
const E164Number = z.string().trim().transform((s) => s.replace(/[\s().-]/g, '')).pipe(
  z.string().regex(E164, 'An international number starting with + and its country code (+14155550100)'),
)
const NumberName = safeText().trim().min(1, 'Required').max(40).describe(
  'A label of your own (40 characters)',
)
const AreaCode = z.string().trim().regex(/^\d{3}$/, 'Three digits (a US area code, e.g. 415)')

/** What answers a number: an assistant (only while it is active), a workflow, or nobody. */
export const AnsweredBy = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('assistant'),
    id: z.uuid(),
    name: z.string(),
    active: z.boolean().describe('An inactive assistant is assigned but does not answer until activated'),
  }),
  z.object({ type: z.literal('workflow'), id: z.uuid(), name: z.string() }),
  z.object({
    type: z.literal('nobody'),
    fallback_number: z.string().nullable().describe("Where calls go: the owner's phone, when set"),
  }),
])
export type AnsweredBy = z.infer<typeof AnsweredBy>

export const PhoneNumber = z.object({
  id: z.uuid(),
  vapi_id: z.string(),
  name: z.string().nullable(),
  number: z.string().describe('E.164'),
  source: PhoneNumberSource,
  status: z.string().describe("Vapi's status: active, activating, blocked…"),
  assistant_id: z.uuid().nullable(),
  workflow_id: z.uuid().nullable(),
  country: z.string().nullable().describe('ISO 3166-1 alpha-2 country of the number'),
  answered_by: AnsweredBy,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
})
export type PhoneNumber = z.infer<typeof PhoneNumber>

export const ListPhoneNumbersResponse = page(PhoneNumber)
export type ListPhoneNumbersResponse = z.infer<typeof ListPhoneNumbersResponse>

export const CreateVapiNumberBody = z.object({
  source: z.literal('vapi'),
  area_code: AreaCode.describe('The US area code the free number should have'),
  name: NumberName.optional(),
})
export const ImportTwilioNumberBody = z.object({
  source: z.literal('twilio'),
  number: E164Number.describe('The Twilio number, in E.164'),
  twilio_account_sid: z.string().trim().min(1, 'Required').max(64).describe(
    'The Twilio Account SID (AC…)',
  ),
  twilio_auth_token: z.string().trim().min(1, 'Required').max(256).describe(
    'The Twilio auth token: sealed, never returned',
  ),
  name: NumberName.optional(),
})
export const ClaimPoolNumberBody = z.object({ source: z.literal('pool'), name: NumberName.optional() })

export const CreatePhoneNumberBody = z.discriminatedUnion('source', [
  CreateVapiNumberBody,
  ImportTwilioNumberBody,
  ClaimPoolNumberBody,
])
export type CreatePhoneNumberBody = z.infer<typeof CreatePhoneNumberBody>
export type CreatePhoneNumberInput = z.input<typeof CreatePhoneNumberBody>

export const UpdatePhoneNumberBody = z.object({
  name: NumberName.optional(),
  assistant_id: z.uuid().nullable().optional().describe('The assistant to answer it; null detaches it'),
  workflow_id: z.uuid().nullable().optional().describe('The workflow to answer it; null detaches it'),
}).superRefine((body, ctx) => {
  if (body.assistant_id && body.workflow_id) {
    ctx.addIssue({
      code: 'custom',
      path: ['workflow_id'],
      message: 'A number is answered by an assistant or a workflow, not both',
    })
  }
})
export type UpdatePhoneNumberBody = z.infer<typeof UpdatePhoneNumberBody>

export const PhoneNumberParams = z.object({ id: z.uuid() })

export const SearchPhoneNumbersBody = z.object({
  area_code: AreaCode.optional().describe('A US area code to check for a free Vapi number'),
})
export type SearchPhoneNumbersBody = z.infer<typeof SearchPhoneNumbersBody>

/** Where the pool's country came from: the owner's phone, else the tenant's own country. */
export const PoolCountrySource = z.enum(['owner_phone', 'tenant_country'])
export type PoolCountrySource = z.infer<typeof PoolCountrySource>

export const PhoneNumberOptions = z.object({
  pool: z.object({
    country: z.string().describe('The country whose pool numbers come from'),
    country_source: PoolCountrySource,
    available: z.number().int().min(0),
    numbers: z.array(z.string()).describe(
      'A few of the available numbers (the next one claimed comes first)',
    ),
  }),
  vapi: z.object({
    used: z.number().int().min(0).describe("Free Vapi numbers in the tenant's Vapi organisation"),
    limit: z.number().int(),
    area_code: z.object({ code: z.string(), valid: z.boolean() }).nullable()
      .describe('The area code asked about, and whether it is a US area code Vapi accepts'),
  }),
})
export type PhoneNumberOptions = z.infer<typeof PhoneNumberOptions>

/** Who can answer a number: the tenant's assistants (with their active state) and workflows. */
export const PhoneNumberAnswerers = z.object({
  assistants: z.array(z.object({ id: z.uuid(), name: z.string(), active: z.boolean() })),
  workflows: z.array(z.object({ id: z.uuid(), name: z.string() })),
})
export type PhoneNumberAnswerers = z.infer<typeof PhoneNumberAnswerers>

const NOT_FOUND = { status: 404, code: 'phone_number_not_found', description: 'No such number in the tenant' }

export const phoneNumbersContract = defineContract({
  name: 'phone-numbers',
  summary:
    "A tenant's phone numbers: free Vapi numbers, imported Twilio numbers, the platform pool, and what answers each",
  routes: {
    list: {
      method: 'GET',
      path: '/',
      summary: "List the tenant's numbers, newest first, with what answers each",
      access: 'assistants.read',
      query: ListQuery,
      response: ListPhoneNumbersResponse,
    },
    answerers: {
      method: 'GET',
      path: '/answerers',
      summary: 'The assistants and workflows a number can be given to',
      access: 'assistants.read',
      response: PhoneNumberAnswerers,
    },
    get: {
      method: 'GET',
      path: '/:id',
      summary: 'Read a number',
      access: 'assistants.read',
      params: PhoneNumberParams,
      response: PhoneNumber,
      problems: [NOT_FOUND],
    },
    create: {
      method: 'POST',
      path: '/',
      summary: 'Get a number: a free Vapi number, an imported Twilio number, or one from the pool',
      description: "`source: 'vapi'` asks Vapi for a free number in a US area code (at most " +
        `${VAPI_FREE_NUMBER_LIMIT} per Vapi organisation; it may take a few minutes to activate). ` +
        "`source: 'twilio'` imports a Twilio number; its auth token is sealed and never returned. " +
        "`source: 'pool'` takes the next virtual number of the tenant's country (from the owner's phone, " +
        "else the tenant's country) and connects it in the tenant's Vapi organisation.",
      access: 'numbers.manage',
      body: CreatePhoneNumberBody,
      response: PhoneNumber,
      status: 201,
      problems: [
        ...VAPI_PROBLEMS,
        { status: 409, code: 'no_number_available', description: 'The pool has no number for the country' },
        { status: 503, code: 'pool_unavailable', description: 'The platform pool is not configured' },
      ],
    },
    update: {
      method: 'PATCH',
      path: '/:id',
      summary: 'Rename a number, or give it to an assistant or a workflow (null detaches)',
      description: 'Takes effect in Vapi at once. An inactive assistant is assigned but does not answer ' +
        "until it is activated; meanwhile, and with nobody assigned, calls go to the owner's phone.",
      access: 'numbers.manage',
      params: PhoneNumberParams,
      body: UpdatePhoneNumberBody,
      response: PhoneNumber,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    delete: {
      method: 'DELETE',
      path: '/:id',
      summary: 'Release a number: deleted in Vapi, and given back to the pool when it came from there',
      access: 'numbers.manage',
      params: PhoneNumberParams,
      response: null,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    search: {
      method: 'POST',
      path: '/search',
      summary: 'What the tenant can get: pool numbers for its country, and its free Vapi numbers',
      access: 'numbers.manage',
      body: SearchPhoneNumbersBody,
      response: PhoneNumberOptions,
      problems: VAPI_PROBLEMS,
    },
  },
})
