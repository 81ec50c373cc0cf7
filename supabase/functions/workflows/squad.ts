/**
 * Compiles a workflow to the body of a Vapi squad (`CreateSquadDTO` / `UpdateSquadDTO`): one member per step,
 * in order (the call starts with the first), each an inline assistant with the step's name, first message
 * and prompt, the assistants' default model and voice with a transcriber in the tenant's language, our
 * `server`, `metadata` and server messages. Hand-offs become the member's `assistantDestinations` as handoff
 * destinations (`HandoffDestinationAssistant`, by assistant name within the squad: Vapi recommends handoffs
 * over the older transfer destination), and a step with a transfer number gets a `transferCall` tool to it.
 */
import type { Vapi } from '@vapi-ai/server-sdk'
import type { Language } from '../../../shared/languages.ts'
// The assistants' own defaults, so a step sounds and thinks like an assistant created on its own.
import { DEFAULT_MODEL, DEFAULT_TRANSCRIBER, DEFAULT_VOICE } from '../../../shared/contracts/assistants.ts'
import { SERVER_MESSAGES } from '../_shared/voice.ts'

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
      provider: DEFAULT_MODEL.provider,
      model: DEFAULT_MODEL.model,
      messages: [{ role: 'system', content: step.system_prompt }],
      ...(tools ? { tools } : {}),
    },
    voice: { provider: DEFAULT_VOICE.provider, voiceId: DEFAULT_VOICE.voice_id, model: DEFAULT_VOICE.model },
    transcriber: {
      provider: DEFAULT_TRANSCRIBER.provider,
      model: DEFAULT_TRANSCRIBER.model,
      language: ctx.language,
    },
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
