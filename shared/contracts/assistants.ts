/**
 * The `assistants` function: a tenant's Vapi assistants. CRUD (Vapi first, then our row), "start from my
 * profession" (the platform's prompt template filled from the tenant profile), activation on the numbers
 * assigned to an assistant, import of the assistants already in the tenant's Vapi organisation, and drift
 * between our copy and Vapi's (edited in Vapi's dashboard), resolved by pulling or pushing.
 */
import { z } from 'zod'
import { LANGUAGES } from '../languages.ts'
import { safeText } from '../text.ts'
import { page } from './pagination.ts'
import { ListQuery } from './pagination.ts'
import { defineContract } from './route.ts'
import { VAPI_PROBLEMS } from './vapi.ts'

/** Vapi caps an assistant's name at 40 characters. */
export const ASSISTANT_NAME_MAX = 40

// The providers and models offered when creating or editing (each one in Vapi's own enums, so Vapi accepts
// them). An assistant imported from Vapi may hold others: responses accept any provider and name.

export const MODEL_PROVIDERS = ['openai'] as const
export const OPENAI_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1', 'gpt-5-mini'] as const
export const VOICE_PROVIDERS = ['11labs', 'vapi'] as const
/** 11labs' preset voices (Vapi's "Preset Voice Options"); any other 11labs voice id is accepted too. */
export const ELEVENLABS_PRESET_VOICES = [
  'sarah',
  'andrea',
  'paula',
  'myra',
  'marissa',
  'burt',
  'phillip',
  'steve',
] as const
export const ELEVENLABS_MODELS = ['eleven_multilingual_v2', 'eleven_turbo_v2_5', 'eleven_flash_v2_5'] as const
export const TRANSCRIBER_PROVIDERS = ['deepgram'] as const
export const DEEPGRAM_MODELS = ['nova-3', 'nova-2'] as const

export const ModelConfig = z.object({
  provider: z.enum(MODEL_PROVIDERS).default('openai'),
  model: z.enum(OPENAI_MODELS).default('gpt-4o-mini'),
  temperature: z.number().min(0).max(2).optional().describe('Sampling temperature, 0 to 2'),
}).describe('The language model that writes the answers')
export type ModelConfig = z.infer<typeof ModelConfig>

export const VoiceConfig = z.object({
  provider: z.enum(VOICE_PROVIDERS).default('11labs'),
  voice_id: safeText().trim().min(1, 'Required').max(100).default('sarah').describe(
    'The voice: an 11labs preset (sarah, burt…) or voice id, or a Vapi voice name (Elliot, Clara…)',
  ),
  model: z.enum(ELEVENLABS_MODELS).optional().describe('11labs only: the speech model'),
}).describe('The voice the assistant speaks with')
export type VoiceConfig = z.infer<typeof VoiceConfig>

export const TranscriberConfig = z.object({
  provider: z.enum(TRANSCRIBER_PROVIDERS).default('deepgram'),
  model: z.enum(DEEPGRAM_MODELS).default('nova-3'),
}).describe("What turns the caller's speech into text; it listens in the assistant's language")
export type TranscriberConfig = z.infer<typeof TranscriberConfig>

/** What a new assistant (or a workflow step) gets when the caller names no model, voice or transcriber. */
export const DEFAULT_MODEL: ModelConfig = { provider: 'openai', model: 'gpt-4o-mini' }
export const DEFAULT_VOICE: VoiceConfig = {
  provider: '11labs',
  voice_id: 'sarah',
  model: 'eleven_multilingual_v2',
}
export const DEFAULT_TRANSCRIBER: TranscriberConfig = { provider: 'deepgram', model: 'nova-3' }

/** A field the call analysis extracts ("caller_name", "reason"…): a JSON-schema property. */
export const StructuredField = z.object({
  type: z.enum(['string', 'number', 'integer', 'boolean']),
  description: safeText().trim().max(500).optional(),
})
export type StructuredField = z.infer<typeof StructuredField>

const FIELD_NAME = /^[a-z][a-z0-9_]{0,39}$/

/** The JSON schema of the data extracted from each call (Vapi's structuredDataPlan.schema). */
export const StructuredDataSchema = z.object({
  type: z.literal('object'),
  properties: z.record(
    z.string().regex(FIELD_NAME, 'Field names are lower_snake_case, up to 40 characters'),
    StructuredField,
  ).refine((p) => Object.keys(p).length >= 1 && Object.keys(p).length <= 20, '1 to 20 fields'),
  required: z.array(z.string().regex(FIELD_NAME)).max(20).optional(),
}).refine((s) => (s.required ?? []).every((name) => name in s.properties), {
  message: 'Every required field must be one of the properties',
  path: ['required'],
}).describe('A JSON schema: `{ type: "object", properties: { caller_name: { type: "string" } }, required }`')
export type StructuredDataSchema = z.infer<typeof StructuredDataSchema>

const EndCallPhrase = safeText().trim().min(2, 'At least 2 characters').max(140)

export const CreateAssistantBody = z.object({
  name: safeText().trim().min(1, 'Required').max(ASSISTANT_NAME_MAX).describe(
    "The assistant's name (Vapi: 40 max)",
  ),
  first_message: safeText().max(1000).optional().describe('What it says when it picks up; empty: it waits'),
  system_prompt: safeText().max(20000).optional().describe(
    'Its instructions. Known [PLACEHOLDERS] ([USER_NAME], [PROFESSION]…) are filled from the tenant profile; ' +
      'an unknown one is a 422',
  ),
  language: z.enum(LANGUAGES).describe('The language it speaks and listens in'),
  voice: VoiceConfig.optional(),
  model: ModelConfig.optional(),
  transcriber: TranscriberConfig.optional(),
  end_call_phrases: z.array(EndCallPhrase).max(20).optional().describe('It hangs up after saying one'),
  recording_enabled: z.boolean().optional().describe('Record calls (default true)'),
  summary_prompt: safeText().trim().max(5000).nullable().optional().describe(
    'How to summarise each call; null: no summary',
  ),
  structured_data_schema: StructuredDataSchema.nullable().optional(),
  knowledge_base_id: z.uuid().nullable().optional().describe('One of the tenant knowledge bases'),
  from_template: z.boolean().optional().describe(
    "Fill system_prompt and first_message from the platform's template for the tenant's profession",
  ),
})
/** What a caller sends (the configs' defaults are optional). */
export type CreateAssistantBody = z.input<typeof CreateAssistantBody>

export const UpdateAssistantBody = CreateAssistantBody.omit({ from_template: true }).partial()
export type UpdateAssistantBody = z.input<typeof UpdateAssistantBody>

/** Our copy against Vapi's: equal, changed in Vapi's dashboard, or deleted there. */
export const SyncState = z.enum(['in_sync', 'drifted', 'missing_in_vapi'])
export type SyncState = z.infer<typeof SyncState>

export const AssistantSync = z.object({
  state: SyncState,
  checked_at: z.iso.datetime(),
})
export type AssistantSync = z.infer<typeof AssistantSync>

export const Assistant = z.object({
  id: z.uuid(),
  vapi_id: z.string(),
  name: z.string(),
  first_message: z.string(),
  system_prompt: z.string(),
  language: z.string(),
  voice: z.object({ provider: z.string(), voice_id: z.string(), model: z.string().optional() }).nullable(),
  model: z.object({ provider: z.string(), model: z.string(), temperature: z.number().optional() }).nullable(),
  transcriber: z.object({ provider: z.string(), model: z.string().optional() }).nullable(),
  end_call_phrases: z.array(z.string()),
  recording_enabled: z.boolean(),
  summary_prompt: z.string().nullable(),
  structured_data_schema: StructuredDataSchema.nullable(),
  knowledge_base_id: z.uuid().nullable(),
  active: z.boolean().describe('Answers the numbers assigned to it'),
  phone_number_ids: z.array(z.uuid()).describe('The numbers assigned to it'),
  phone_numbers: z.array(z.object({ id: z.uuid(), number: z.string(), name: z.string().nullable() })),
  webhook_configured: z.boolean().describe(
    "Vapi's copy sends its server messages to Switchboard; false for an imported assistant until pushed",
  ),
  last_call_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
})
export type Assistant = z.infer<typeof Assistant>

export const AssistantDetail = Assistant.extend({ sync: AssistantSync })
export type AssistantDetail = z.infer<typeof AssistantDetail>

export const ListAssistantsResponse = page(Assistant)
export type ListAssistantsResponse = z.infer<typeof ListAssistantsResponse>

export const AssistantParams = z.object({ id: z.uuid() })

export const TemplateQuery = z.object({
  language: z.enum(LANGUAGES).optional().describe("The template's language; the tenant's by default"),
})

/** The profession template filled from the tenant profile, for the form to preview before saving. */
export const RenderedTemplate = z.object({
  template_id: z.uuid(),
  name: z.string(),
  language: z.enum(LANGUAGES),
  first_message: z.string(),
  system_prompt: z.string(),
  unknown_placeholders: z.array(z.string()).describe(
    'Placeholders no profile field fills: saving is refused',
  ),
  missing_placeholders: z.array(z.string()).describe('Known placeholders the profile has no value for yet'),
})
export type RenderedTemplate = z.infer<typeof RenderedTemplate>

/** An assistant of the tenant's Vapi organisation not yet in Switchboard. */
export const ImportableAssistant = z.object({
  vapi_id: z.string(),
  name: z.string().nullable(),
  created_at: z.string().nullable(),
  updated_at: z.string().nullable(),
})
export type ImportableAssistant = z.infer<typeof ImportableAssistant>

export const ListImportableResponse = page(ImportableAssistant)
export type ListImportableResponse = z.infer<typeof ListImportableResponse>

export const ImportAssistantsBody = z.object({
  vapi_ids: z.array(z.string().trim().min(1).max(100)).min(1, 'Pick at least one').max(50),
})
export type ImportAssistantsBody = z.infer<typeof ImportAssistantsBody>

export const ImportAssistantsResponse = z.object({ items: z.array(Assistant) })
export type ImportAssistantsResponse = z.infer<typeof ImportAssistantsResponse>

export const SyncBody = z.object({
  direction: z.enum(['pull', 'push']).describe("pull: take Vapi's version; push: send ours to Vapi"),
})
export type SyncBody = z.infer<typeof SyncBody>

const NOT_FOUND = { status: 404, code: 'assistant_not_found', description: 'No such assistant' } as const

const PLACEHOLDER_PROBLEMS = [
  { status: 422, code: 'unknown_placeholder', description: 'A [PLACEHOLDER] no profile field fills' },
  {
    status: 422,
    code: 'missing_placeholder',
    description: 'A known placeholder the profile has no value for',
  },
] as const

export const assistantsContract = defineContract({
  name: 'assistants',
  summary: "A tenant's Vapi assistants: CRUD, activation on its numbers, import from Vapi and drift",
  routes: {
    list: {
      method: 'GET',
      path: '/',
      summary: 'List the assistants',
      description: 'Ordered by name, with the numbers each answers and its last call.',
      access: 'assistants.read',
      query: ListQuery,
      response: ListAssistantsResponse,
    },
    template: {
      method: 'GET',
      path: '/template',
      summary: "The template for the tenant's profession, filled from its profile",
      access: 'assistants.read',
      query: TemplateQuery,
      response: RenderedTemplate,
      problems: [{ status: 404, code: 'template_not_found', description: 'No template for this profession' }],
    },
    importable: {
      method: 'GET',
      path: '/importable',
      summary: "The assistants of the tenant's Vapi organisation not yet in Switchboard",
      access: 'assistants.manage',
      response: ListImportableResponse,
      problems: VAPI_PROBLEMS,
    },
    import: {
      method: 'POST',
      path: '/import',
      summary: 'Import assistants from Vapi',
      description:
        'Copies each one as it is in Vapi; nothing is changed there. Until pushed or activated, an imported ' +
        'assistant does not send its server messages to Switchboard (`webhook_configured: false`).',
      access: 'assistants.manage',
      body: ImportAssistantsBody,
      response: ImportAssistantsResponse,
      status: 201,
      problems: [
        ...VAPI_PROBLEMS,
        { status: 409, code: 'already_exists', description: 'One of them is already imported' },
      ],
    },
    create: {
      method: 'POST',
      path: '/',
      summary: 'Create an assistant (in Vapi, then here)',
      access: 'assistants.manage',
      body: CreateAssistantBody,
      response: Assistant,
      status: 201,
      problems: [
        ...VAPI_PROBLEMS,
        ...PLACEHOLDER_PROBLEMS,
        {
          status: 404,
          code: 'template_not_found',
          description: 'from_template: no template for this profession',
        },
        { status: 422, code: 'knowledge_base_not_found', description: 'No such knowledge base' },
      ],
    },
    get: {
      method: 'GET',
      path: '/:id',
      summary: "An assistant, compared with Vapi's copy",
      access: 'assistants.read',
      params: AssistantParams,
      response: AssistantDetail,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    update: {
      method: 'PATCH',
      path: '/:id',
      summary: 'Change an assistant (in Vapi, then here)',
      access: 'assistants.manage',
      params: AssistantParams,
      body: UpdateAssistantBody,
      response: Assistant,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS, ...PLACEHOLDER_PROBLEMS],
    },
    remove: {
      method: 'DELETE',
      path: '/:id',
      summary: 'Delete an assistant',
      description: 'Its numbers stop pointing at it in Vapi first, then it is deleted in Vapi, then here.',
      access: 'assistants.manage',
      params: AssistantParams,
      response: null,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    activate: {
      method: 'POST',
      path: '/:id/activate',
      summary: 'Push the assistant to Vapi and let it answer its numbers',
      access: 'assistants.manage',
      params: AssistantParams,
      response: Assistant,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    deactivate: {
      method: 'POST',
      path: '/:id/deactivate',
      summary: "Stop it answering its numbers (calls fall back to the owner's phone)",
      access: 'assistants.manage',
      params: AssistantParams,
      response: Assistant,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    sync: {
      method: 'POST',
      path: '/:id/sync',
      summary: "Resolve drift: take Vapi's version (pull) or send ours (push)",
      description: 'Pushing an assistant deleted in Vapi creates it again; pulling one is a 409.',
      access: 'assistants.manage',
      params: AssistantParams,
      body: SyncBody,
      response: AssistantDetail,
      problems: [
        NOT_FOUND,
        ...VAPI_PROBLEMS,
        { status: 409, code: 'missing_in_vapi', description: 'pull: Vapi no longer has it' },
      ],
    },
  },
})
