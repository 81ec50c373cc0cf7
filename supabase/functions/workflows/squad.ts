/**
 * Compiles a workflow to the body of a Vapi squad (`CreateSquadDTO` / `UpdateSquadDTO`): one member per step,
 * in order (the call starts with the first), each an inline assistant with the step's name, first message
 * and prompt, the tenant's language for voice and transcriber, our `server` and `metadata`. Hand-offs become
 * the member's `assistantDestinations` as handoff destinations (`HandoffDestinationAssistant`, by assistant
 * name within the squad: Vapi recommends the handoff tool over the older transfer destination), and a step
 * with a transfer number gets a `transferCall` tool to that number.
 */
import type { Vapi } from '@vapi-ai/server-sdk'
import type { Language } from '../../../shared/languages.ts'

/** A step as the compiler needs it: hand-offs already resolved to the target's index. */
export interface CompiledStep {
  name: string
  first_message: string
  system_prompt: string
  handoffs: readonly { to: number; condition: string }[]
  transfer_number: string | null
}

export interface SquadContext {
  name: string
  language: Language
  server: Vapi.Server
  metadata: Record<string, string>
}

/** The LLM every step runs on. */
export const DEFAULT_MODEL = { provider: 'openai', model: 'gpt-4o-mini' } as const

/** Voice and transcriber per language: a natural neural voice, and a telephony-grade transcriber. */
// The SDK types a voice without its `provider` (the union's tag lives elsewhere): plain objects here.
const SPEECH: Record<Language, { voice: Record<string, string>; transcriber: Record<string, string> }> = {
  en: {
    voice: { provider: 'azure', voiceId: 'en-US-EmmaMultilingualNeural' },
    transcriber: { provider: 'deepgram', model: 'nova-3', language: 'en' },
  },
  fr: {
    voice: { provider: 'azure', voiceId: 'fr-FR-DeniseNeural' },
    transcriber: { provider: 'deepgram', model: 'nova-3', language: 'fr' },
  },
}

/** What Vapi sends our webhook for each step: the call's life, tools, transfers and hand-offs. */
export const SERVER_MESSAGES = [
  'assistant.started',
  'end-of-call-report',
  'status-update',
  'tool-calls',
  'transfer-destination-request',
  'handoff-destination-request',
  'transfer-update',
] as const

/** What the caller hears while being handed to a human. */
const TRANSFER_MESSAGE: Record<Language, string> = {
  en: 'Please hold while I transfer your call.',
  fr: 'Je vous transfère, merci de patienter.',
}

const TRANSFER_DESCRIPTION: Record<Language, string> = {
  en: 'Transfer the call to a human when the caller asks for one or this step cannot help them.',
  fr: "Transférer l'appel à un humain quand l'appelant le demande ou que cette étape ne peut pas l'aider.",
}

/**
 * Without a first message, the first step listens first; a later one opens with a line of its own model, so
 * the caller is not left in silence after a hand-off.
 */
function opening(step: CompiledStep, index: number) {
  if (step.first_message) return { firstMessage: step.first_message }
  return {
    firstMessageMode: index === 0
      ? 'assistant-waits-for-user'
      : 'assistant-speaks-first-with-model-generated-message',
  }
}

function member(
  step: CompiledStep,
  index: number,
  steps: readonly CompiledStep[],
  ctx: SquadContext,
): Vapi.SquadMemberDto {
  const tools = step.transfer_number
    ? [{
      type: 'transferCall',
      destinations: [{
        type: 'number',
        number: step.transfer_number,
        message: TRANSFER_MESSAGE[ctx.language],
        description: TRANSFER_DESCRIPTION[ctx.language],
      }],
    }]
    : undefined
  const assistant = {
    name: step.name,
    ...opening(step, index),
    model: {
      ...DEFAULT_MODEL,
      messages: [{ role: 'system', content: step.system_prompt }],
      ...(tools ? { tools } : {}),
    },
    voice: SPEECH[ctx.language].voice,
    transcriber: SPEECH[ctx.language].transcriber,
    serverMessages: [...SERVER_MESSAGES],
    server: ctx.server,
    metadata: ctx.metadata,
  } as unknown as Vapi.CreateAssistantDto
  return {
    assistant,
    ...(step.handoffs.length
      ? {
        assistantDestinations: step.handoffs.map((handoff) => ({
          type: 'assistant',
          assistantName: steps[handoff.to].name,
          description: handoff.condition,
          contextEngineeringPlan: { type: 'all' },
        } as Vapi.HandoffDestinationAssistant)),
      }
      : {}),
  }
}

/** The squad body: `name` and `members` only (Vapi's CreateSquadDTO and UpdateSquadDTO share them). */
export function compileSquad(
  steps: readonly CompiledStep[],
  ctx: SquadContext,
): { name: string; members: Vapi.SquadMemberDto[] } {
  return { name: ctx.name, members: steps.map((step, index) => member(step, index, steps, ctx)) }
}
