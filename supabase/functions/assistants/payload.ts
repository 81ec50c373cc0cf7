/**
 * Our assistant ↔ Vapi's: the payload we send (CreateAssistantDTO / UpdateAssistantDTO fields only), the part
 * of Vapi's assistant we manage (hashed to detect drift, so Vapi's own ids and timestamps never count), and
 * the mapping of a Vapi assistant back to our fields (import, pull).
 */
import type { Vapi } from '@vapi-ai/server-sdk'
import {
  DEFAULT_MODEL,
  DEFAULT_TRANSCRIBER,
  DEFAULT_VOICE,
  StructuredDataSchema,
} from '../../../shared/contracts/assistants.ts'
import { isLanguage } from '../../../shared/languages.ts'
import { payloadHash, SERVER_MESSAGES } from '../_shared/voice.ts'

/** Our editable fields, as stored (snake_case jsonb for voice, model and transcriber). */
export interface AssistantFields {
  name: string
  first_message: string
  system_prompt: string
  language: string
  voice: StoredVoice | null
  model: StoredModel | null
  transcriber: StoredTranscriber | null
  end_call_phrases: string[]
  recording_enabled: boolean
  summary_prompt: string | null
  structured_data_schema: StructuredDataSchema | null
}

// Stored shapes: what the contract's configs produce, or what an imported assistant had (any provider).
export type StoredVoice = { provider: string; voice_id: string; model?: string }
export type StoredModel = { provider: string; model: string; temperature?: number }
export type StoredTranscriber = { provider: string; model?: string }

/** The top-level fields of an assistant we send and own; the rest (ids, timestamps, Vapi defaults) is Vapi's. */
export const MANAGED_KEYS = [
  'name',
  'firstMessage',
  'model',
  'voice',
  'transcriber',
  'endCallPhrases',
  'artifactPlan',
  'analysisPlan',
  'serverMessages',
  'metadata',
] as const

/** What drift is measured on: the managed fields of an assistant (our payload or Vapi's copy). */
export function managed(assistant: unknown): Record<string, unknown> {
  const source = (assistant ?? {}) as Record<string, unknown>
  return Object.fromEntries(MANAGED_KEYS.map((key) => [key, source[key]]))
}

/** The hash stored in `vapi_hash`: of the managed fields only. */
export function managedHash(assistant: unknown): Promise<string> {
  return payloadHash(managed(assistant))
}

/** What Vapi gets: every managed field (PATCH replaces each top-level field sent). */
export function toVapiPayload(
  fields: AssistantFields,
  extra: { server: Vapi.Server; metadata: Record<string, string>; knowledgeBaseToolId: string | null },
): Vapi.CreateAssistantDto {
  const model = fields.model ?? DEFAULT_MODEL
  const voice = fields.voice ?? DEFAULT_VOICE
  const transcriber = fields.transcriber ?? DEFAULT_TRANSCRIBER
  const schema = fields.structured_data_schema
  const payload = {
    name: fields.name,
    // An empty first message would be spoken as silence: leave it out and the assistant waits for the caller.
    ...(fields.first_message ? { firstMessage: fields.first_message } : {}),
    model: {
      provider: model.provider,
      model: model.model,
      ...(model.temperature !== undefined ? { temperature: model.temperature } : {}),
      messages: [{ role: 'system', content: fields.system_prompt }],
      // A v2 knowledge base is searched through the tool Vapi generated for it.
      ...(extra.knowledgeBaseToolId ? { toolIds: [extra.knowledgeBaseToolId] } : {}),
    },
    voice: {
      provider: voice.provider,
      voiceId: voice.voice_id,
      ...(voice.model ? { model: voice.model } : {}),
    },
    transcriber: {
      provider: transcriber.provider,
      ...(transcriber.model ? { model: transcriber.model } : {}),
      language: fields.language,
    },
    endCallPhrases: fields.end_call_phrases,
    artifactPlan: { recordingEnabled: fields.recording_enabled },
    analysisPlan: {
      summaryPlan: fields.summary_prompt
        ? {
          enabled: true,
          messages: [
            { role: 'system', content: fields.summary_prompt },
            { role: 'user', content: 'Here is the transcript:\n\n{{transcript}}\n\n' },
          ],
        }
        : { enabled: false },
      structuredDataPlan: schema ? { enabled: true, schema } : { enabled: false },
    },
    serverMessages: [...SERVER_MESSAGES],
    server: extra.server,
    metadata: extra.metadata,
  }
  return payload as unknown as Vapi.CreateAssistantDto
}

type Loose = Record<string, unknown> | undefined

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** Our fields from a Vapi assistant (import, pull); `fallbackLanguage` when its transcriber names none we speak. */
export function fromVapi(assistant: unknown, fallbackLanguage: string): AssistantFields {
  const a = (assistant ?? {}) as Record<string, unknown>
  const model = a.model as Loose
  const voice = a.voice as Loose
  const transcriber = a.transcriber as Loose
  const analysis = a.analysisPlan as Loose
  const summary = analysis?.summaryPlan as Loose
  const structured = analysis?.structuredDataPlan as Loose
  const messages = Array.isArray(model?.messages) ? model.messages as Loose[] : []
  const language = text(transcriber?.language)?.slice(0, 2)
  const summaryMessages = Array.isArray(summary?.messages) ? summary.messages as Loose[] : []
  const schema = StructuredDataSchema.safeParse(structured?.schema)
  return {
    name: (text(a.name)?.trim() || 'Vapi assistant').slice(0, 40),
    first_message: text(a.firstMessage) ?? '',
    system_prompt: text(messages.find((m) => m?.role === 'system')?.content) ?? '',
    language: isLanguage(language) ? language : fallbackLanguage,
    model: text(model?.provider) && text(model?.model)
      ? {
        provider: text(model!.provider)!,
        model: text(model!.model)!,
        ...(typeof model!.temperature === 'number' ? { temperature: model!.temperature } : {}),
      }
      : null,
    voice: text(voice?.provider) && text(voice?.voiceId)
      ? {
        provider: text(voice!.provider)!,
        voice_id: text(voice!.voiceId)!,
        ...(text(voice!.model) ? { model: text(voice!.model) } : {}),
      }
      : null,
    transcriber: text(transcriber?.provider)
      ? {
        provider: text(transcriber!.provider)!,
        ...(text(transcriber!.model) ? { model: text(transcriber!.model) } : {}),
      }
      : null,
    end_call_phrases: Array.isArray(a.endCallPhrases)
      ? a.endCallPhrases.filter((p) => typeof p === 'string')
      : [],
    recording_enabled: (a.artifactPlan as Loose)?.recordingEnabled !== false,
    summary_prompt: summary?.enabled === false
      ? null
      : text(summaryMessages.find((m) => m?.role === 'system')?.content) ?? null,
    structured_data_schema: structured?.enabled === true && schema.success ? schema.data : null,
  }
}
