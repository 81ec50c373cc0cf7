/**
 * Playing a call on demand (`POST /sandbox/calls`): a Call of the organisation, then, in the background,
 * the server messages Vapi sends for it, in Vapi's order, to the server URL the call resolves to (the
 * active assistant's `server`, else the phone number's), each authenticated and retried as configured
 * (delivery.ts):
 *
 * 1. `assistant-request` to the number's server when the number has no assistant or squad; the answer's
 *    `error`, `destination`, `assistantId`, `assistant`, `squadId` or `squad` decides what follows;
 * 2. `status-update` ringing (phone calls), then in-progress;
 * 3. per turn `speech-update` started, `transcript` partial then final, `speech-update` stopped, and
 *    `conversation-update` with the history so far;
 * 4. `status-update` ended, then `end-of-call-report` (artifact with messages, transcript and the
 *    sandbox-served recordings, analysis, costs, startedAt, endedAt, endedReason).
 *
 * Only the types in the assistant's `serverMessages` are sent, Vapi's default list when it has none (which
 * has no `transcript`: add `transcript` or `transcript[transcriptType="final"]` to get them). The browser's
 * stream (events.ts) gets the assistant's `clientMessages` (by default with transcripts) and the web SDK's
 * own events. Turns are `turnDelayMs` apart; message times, `endedAt` and costs follow the call's own
 * timeline (each turn as long as its tone in the recording), not the wall clock of the playback.
 */
import type { Vapi } from '@vapi-ai/server-sdk'
import type { Call, Credential, Org, Orgs, PhoneNumber } from './orgs.ts'
import { deliver, type Delivery, sleep } from './delivery.ts'
import { CallEvents } from './events.ts'
import {
  type AssistantLike,
  costsOf,
  openAiFormatted,
  structuredData,
  summaryOf,
  timedMessages,
  transcriptOf,
  type Turn,
  turnsOf,
} from './conversation.ts'
import { publicNumber } from './phone-numbers.ts'
import { validateSchema } from './validation.ts'
import { timestamp } from './http.ts'

export interface PlayOptions {
  /** Pause between turns (and before each event of a turn), in ms. */
  turnDelayMs: number
  /** Multiplies every backoffPlan delay (1: real seconds; tests use ~0.001). */
  retryDelayScale: number
}

/** The body of `POST /sandbox/calls`. */
export interface PlayCallRequest {
  assistantId?: string
  squadId?: string
  phoneNumberId?: string
  customerNumber?: string
  script?: Turn[]
  web?: boolean
  /**
   * Replays a call that happened at this time (ISO 8601): no pauses, only its status updates and report
   * (no speech, transcript or conversation updates), its timeline starting then. For history (the demo).
   */
  at?: string
  /** A call nobody answered: no conversation, this ended reason (customer-did-not-answer, customer-busy…). */
  unansweredReason?: string
  /** false: no recording (Vapi's `artifactPlan.recordingEnabled: false`). Default true. */
  recording?: boolean
}

/** What the sandbox keeps about a call being played (in memory only). */
export interface Playback {
  callId: string
  token: string
  events: CallEvents
  deliveries: Delivery[]
  finished: boolean
  done: Promise<void>
}

export const DEFAULT_SERVER_MESSAGES = [
  'conversation-update',
  'end-of-call-report',
  'function-call',
  'hang',
  'speech-update',
  'status-update',
  'tool-calls',
  'transfer-destination-request',
  'handoff-destination-request',
  'user-interrupted',
  'assistant.started',
]

export const DEFAULT_CLIENT_MESSAGES = [
  'conversation-update',
  'function-call',
  'hang',
  'model-output',
  'speech-update',
  'status-update',
  'transfer-update',
  'transcript',
  'tool-calls',
  'user-interrupted',
  'voice-input',
  'workflow.node.started',
  'assistant.started',
]

/** Checks a play request against the organisation: the messages of a 400, empty when it can be played. */
export function playProblems(org: Org, body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['body must be an object']
  const b = body as Record<string, unknown>
  const problems: string[] = []
  const known = [
    'assistantId',
    'squadId',
    'phoneNumberId',
    'customerNumber',
    'script',
    'web',
    'at',
    'unansweredReason',
    'recording',
  ]
  for (const key of Object.keys(b)) {
    if (!known.includes(key)) problems.push(`property ${key} should not exist`)
  }
  for (const key of ['assistantId', 'squadId', 'phoneNumberId', 'customerNumber']) {
    if (b[key] !== undefined && typeof b[key] !== 'string') problems.push(`${key} must be a string`)
  }
  if (b.web !== undefined && typeof b.web !== 'boolean') problems.push('web must be a boolean value')
  if (b.recording !== undefined && typeof b.recording !== 'boolean') {
    problems.push('recording must be a boolean value')
  }
  if (b.at !== undefined && (typeof b.at !== 'string' || Number.isNaN(Date.parse(b.at)))) {
    problems.push('at must be a valid ISO 8601 date string')
  }
  if (
    b.unansweredReason !== undefined &&
    (typeof b.unansweredReason !== 'string' || !/^[a-z0-9.-]{3,120}$/.test(b.unansweredReason))
  ) problems.push('unansweredReason must be an ended reason (customer-did-not-answer…)')
  if (b.script !== undefined) {
    if (!Array.isArray(b.script)) problems.push('script must be an array')
    else {
      b.script.forEach((turn: unknown, i) => {
        const t = turn as Record<string, unknown> | null
        if (!t || typeof t !== 'object') return problems.push(`script.${i} must be an object`)
        if (t.role !== 'user' && t.role !== 'assistant') {
          problems.push(`script.${i}.role must be one of the following values: user, assistant`)
        }
        if (typeof t.text !== 'string' || !t.text.trim()) {
          problems.push(`script.${i}.text should not be empty`)
        }
      })
    }
  }
  if (problems.length) return problems
  if (typeof b.assistantId === 'string' && !org.assistants.has(b.assistantId)) {
    problems.push(`assistantId: Couldn't Find Assistant. \`assistant\` ${b.assistantId} Not Found.`)
  }
  if (typeof b.squadId === 'string' && !org.squads.has(b.squadId)) {
    problems.push(`squadId: Couldn't Find Squad. \`squad\` ${b.squadId} Not Found.`)
  }
  if (typeof b.phoneNumberId === 'string' && !org.phoneNumbers.has(b.phoneNumberId)) {
    problems.push(`phoneNumberId: Couldn't Find Phone Number. \`phoneNumber\` ${b.phoneNumberId} Not Found.`)
  }
  if (b.web === true && b.phoneNumberId) problems.push('a web call has no phoneNumberId')
  if (!b.assistantId && !b.squadId && !b.phoneNumberId) {
    problems.push('give an assistantId, a squadId or a phoneNumberId')
  }
  if (b.web === true && !b.assistantId && !b.squadId) {
    problems.push('a web call needs an assistantId or a squadId')
  }
  if (typeof b.customerNumber === 'string' && !/^\+[1-9]\d{6,14}$/.test(b.customerNumber)) {
    problems.push('customerNumber must be a valid phone number in E.164 format')
  }
  return problems
}

export class Player {
  readonly playbacks = new Map<string, Playback>()
  readonly #stopping = new AbortController()

  constructor(readonly orgs: Orgs, readonly options: PlayOptions) {}

  /** Hurries every call being played to its end (no more pauses, retries or deliveries) and waits for it. */
  async stop(): Promise<void> {
    this.#stopping.abort()
    await Promise.all([...this.playbacks.values()].map((playback) => playback.done))
  }

  /** Creates the call (answered at once) and plays it in the background. */
  start(org: Org, request: PlayCallRequest, origin: string): { call: Call; playback: Playback } {
    const number = request.phoneNumberId ? org.phoneNumbers.get(request.phoneNumberId) : undefined
    const now = request.at ? new Date(request.at).toISOString() : timestamp()
    const call: Call = {
      id: crypto.randomUUID(),
      orgId: org.id,
      type: request.web ? 'webCall' : 'inboundPhoneCall',
      status: 'queued',
      createdAt: now,
      updatedAt: now,
      ...(request.assistantId ? { assistantId: request.assistantId } : {}),
      ...(request.squadId ? { squadId: request.squadId } : {}),
      ...(number
        ? {
          phoneNumberId: number.id,
          phoneCallProvider:
            (number.provider === 'byo-phone-number' ? 'vapi' : number.provider) as Vapi.CallPhoneCallProvider,
          phoneCallTransport: 'pstn' as const,
          phoneCallProviderId: crypto.randomUUID().replaceAll('-', ''),
        }
        : {}),
      ...(request.web ? {} : { customer: { number: request.customerNumber ?? '+14155550123' } }),
    }
    org.calls.set(call.id, call)
    this.orgs.changed()
    const playback: Playback = {
      callId: call.id,
      token: encodeToken(crypto.getRandomValues(new Uint8Array(24))),
      events: new CallEvents(),
      deliveries: [],
      finished: false,
      done: Promise.resolve(),
    }
    this.playbacks.set(call.id, playback)
    const answered = structuredClone(call)
    playback.done = this.#play(org, call, number, request, origin, playback)
      .catch((error) => {
        console.error(`vapi sandbox: playing call ${call.id} failed:`, error)
        this.#update(
          call,
          {
            status: 'ended',
            endedReason: 'call.in-progress.error-vapifault-worker-died',
          } as unknown as Partial<Call>,
        )
        playback.events.emit('error', { message: String((error as Error)?.message ?? error) })
      })
      .finally(() => {
        playback.finished = true
        playback.events.close()
      })
    return { call: answered, playback }
  }

  #update(call: Call, fields: Partial<Call>): void {
    Object.assign(call, fields, { updatedAt: timestamp() })
    this.orgs.changed()
  }

  async #play(
    org: Org,
    call: Call,
    number: PhoneNumber | undefined,
    request: PlayCallRequest,
    origin: string,
    playback: Playback,
  ): Promise<void> {
    const retryDelayScale = this.options.retryDelayScale
    const signal = this.#stopping.signal
    const history = request.at !== undefined
    const pause = (ms: number) => history ? Promise.resolve() : sleep(ms, signal)
    const snapshot = () => structuredClone(call)
    const customer = call.customer
    const phoneNumber = number ? publicNumber(number) : undefined
    const credentialOf = (server: Vapi.Server | undefined): Credential | undefined =>
      server?.credentialId ? org.credentials.get(server.credentialId) : undefined
    let variables: Record<string, unknown> = { customer: customer?.number ?? '' }

    // Which assistant (or squad) answers.
    let assistantId = request.assistantId ?? (request.squadId ? undefined : number?.assistantId)
    let squadId = request.squadId ?? (request.assistantId ? undefined : number?.squadId)
    let inlineAssistant: AssistantLike | undefined
    let inlineSquad: Vapi.CreateSquadDto | undefined
    let spoken: Turn[] | undefined
    let endedReason: string | undefined

    if (!assistantId && !squadId && number) {
      const server = number.server as (Vapi.Server & { url?: string }) | undefined
      if (!server?.url) endedReason = 'call-start-error-neither-assistant-nor-server-set'
      else {
        const { delivery, body } = await deliver(
          server as Vapi.Server & { url: string },
          credentialOf(server),
          { type: 'assistant-request', timestamp: Date.now(), call: snapshot(), phoneNumber, customer },
          { retryDelayScale, maxTimeoutSeconds: 7.5, signal },
        )
        playback.deliveries.push(delivery)
        const answer = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
        const overrides = answer.assistantOverrides as
          | { variableValues?: Record<string, unknown> }
          | undefined
        if (overrides) {
          this.#update(call, { assistantOverrides: overrides } as Partial<Call>)
          variables = { ...variables, ...overrides.variableValues }
        }
        if (!delivery.ok) endedReason = 'assistant-request-failed'
        else if (typeof answer.error === 'string') {
          endedReason = 'assistant-request-returned-error'
          spoken = [{ role: 'assistant', text: answer.error }]
        } else if (answer.destination) {
          endedReason = 'assistant-request-returned-forwarding-phone-number'
          this.#update(call, { destination: answer.destination } as Partial<Call>)
        } else if (typeof answer.assistantId === 'string') {
          if (org.assistants.has(answer.assistantId)) assistantId = answer.assistantId
          else endedReason = 'assistant-request-returned-invalid-assistant'
        } else if (answer.assistant) {
          if (validateSchema('CreateAssistantDTO', answer.assistant).length) {
            endedReason = 'assistant-request-returned-invalid-assistant'
          } else inlineAssistant = answer.assistant as AssistantLike
        } else if (typeof answer.squadId === 'string') {
          if (org.squads.has(answer.squadId)) squadId = answer.squadId
          else endedReason = 'assistant-request-returned-invalid-assistant'
        } else if (answer.squad) {
          if (validateSchema('CreateSquadDTO', answer.squad).length) {
            endedReason = 'assistant-request-returned-invalid-assistant'
          } else inlineSquad = answer.squad as Vapi.CreateSquadDto
        } else endedReason = 'assistant-request-returned-no-assistant'
      }
    }

    // The active assistant: the one named, or the squad's first member (with the squad's overrides).
    let assistant: AssistantLike | undefined = inlineAssistant
    if (assistantId) {
      assistant = org.assistants.get(assistantId) as AssistantLike | undefined
      this.#update(call, { assistantId } as Partial<Call>)
    }
    const squad = squadId ? org.squads.get(squadId) : inlineSquad
    if (squad) {
      if (squadId) this.#update(call, { squadId } as Partial<Call>)
      const member = squad.members[0]
      const base = member?.assistantId ? org.assistants.get(member.assistantId) : member?.assistant
      if (base) {
        assistant = {
          ...(base as AssistantLike),
          ...(squad.membersOverrides as AssistantLike | undefined),
          ...(member?.assistantOverrides as AssistantLike | undefined),
        }
      }
    }
    if (inlineAssistant) this.#update(call, { assistant: inlineAssistant } as Partial<Call>)
    if (!assistant && !endedReason) endedReason = 'call.start.error-get-assistant'

    // Where the rest goes.
    const server =
      ((assistant?.server as { url?: string } | undefined)?.url ? assistant!.server : number?.server) as
        | (Vapi.Server & { url: string })
        | undefined
    const serverMessages = assistant?.serverMessages ?? DEFAULT_SERVER_MESSAGES
    const clientMessages = assistant?.clientMessages ?? DEFAULT_CLIENT_MESSAGES
    const common = () => ({
      timestamp: Date.now(),
      call: snapshot(),
      ...(phoneNumber ? { phoneNumber } : {}),
      ...(customer ? { customer } : {}),
      ...(assistant ? { assistant } : {}),
    })
    // Vapi sends the server messages in the background, in order: a slow or failing server URL (retried per
    // its backoff plan) never holds the call, or the browser's event stream, up. The call is finished once
    // every message has been delivered or given up on.
    let outbox: Promise<void> = Promise.resolve()
    const send = (message: { type: string } & Record<string, unknown>, final = true): void => {
      if (history && !['status-update', 'end-of-call-report'].includes(message.type)) return
      const wanted = message.type === 'transcript'
        ? serverMessages.includes('transcript') ||
          (final && serverMessages.includes('transcript[transcriptType="final"]'))
        : serverMessages.includes(message.type)
      if (clientMessages.includes(message.type)) playback.events.emit('message', message)
      if (wanted && server?.url && !signal.aborted) {
        const body = { ...message, ...common() }
        outbox = outbox.then(async () => {
          if (signal.aborted) return
          const { delivery } = await deliver(server, credentialOf(server), body, { retryDelayScale, signal })
          playback.deliveries.push(delivery)
        })
      }
    }

    const delay = this.options.turnDelayMs
    const startedAtMs = history ? Date.parse(request.at!) : Date.now()
    const startedAt = new Date(startedAtMs).toISOString()
    if (request.unansweredReason && !endedReason) endedReason = request.unansweredReason
    const turns = spoken ?? (assistant && !endedReason ? turnsOf(assistant, request.script, variables) : [])
    const messages = timedMessages(assistant ?? {}, turns, startedAtMs)

    if (turns.length) {
      if (call.type !== 'webCall') {
        this.#update(call, { status: 'ringing' })
        send({ type: 'status-update', status: 'ringing' })
      }
      this.#update(call, { status: 'in-progress', startedAt })
      playback.events.emit('call-start')
      send({ type: 'status-update', status: 'in-progress' })

      const offset = messages.length - turns.length // the system prompt, if any
      for (const [index, turn] of turns.entries()) {
        await pause(delay)
        const role = turn.role
        send({ type: 'speech-update', status: 'started', role, turn: index })
        if (role === 'assistant') playback.events.emit('speech-start')
        const words = turn.text.split(' ')
        const levels = role === 'assistant' ? [0.35, 0.72, 0.58, 0.81, 0.44] : []
        for (const level of levels.slice(0, 2)) {
          playback.events.emit('volume-level', level)
          await pause(delay / 10)
        }
        send(
          {
            type: 'transcript',
            role,
            transcriptType: 'partial',
            transcript: words.slice(0, Math.ceil(words.length / 2)).join(' '),
          },
          false,
        )
        for (const level of levels.slice(2)) {
          playback.events.emit('volume-level', level)
          await pause(delay / 10)
        }
        send({ type: 'transcript', role, transcriptType: 'final', transcript: turn.text })
        if (role === 'assistant') {
          playback.events.emit('volume-level', 0)
          playback.events.emit('speech-end')
        }
        send({ type: 'speech-update', status: 'stopped', role, turn: index })
        const history = messages.slice(0, offset + index + 1)
        send({
          type: 'conversation-update',
          messages: history,
          messagesOpenAIFormatted: openAiFormatted(history),
        })
      }
    }

    // The end: status-update ended, then the report.
    const last = messages.at(-1)
    const endedAtMs = Math.max(startedAtMs, last?.endTime ?? startedAtMs) + (turns.length ? 500 : 0)
    const endedAt = new Date(endedAtMs).toISOString()
    endedReason ??= turns.at(-1)?.role === 'user' ? 'customer-ended-call' : 'assistant-ended-call'
    const seconds = (endedAtMs - startedAtMs) / 1000
    const recordingEnabled = turns.length > 0 && request.recording !== false &&
      (assistant?.artifactPlan as { recordingEnabled?: boolean } | undefined)?.recordingEnabled !== false
    const base = `${origin}/sandbox/recordings/${call.id}`
    const recording = recordingEnabled
      ? {
        recordingUrl: `${base}.wav`,
        stereoRecordingUrl: `${base}-stereo.wav`,
        recording: {
          stereoUrl: `${base}-stereo.wav`,
          mono: {
            combinedUrl: `${base}.wav`,
            assistantUrl: `${base}-assistant.wav`,
            customerUrl: `${base}-customer.wav`,
          },
        },
      }
      : {}
    const artifact = {
      messages,
      messagesOpenAIFormatted: openAiFormatted(messages),
      transcript: transcriptOf(turns),
      ...recording,
      variableValues: variables,
    }
    const plan = assistant?.analysisPlan
    const dataPlan = plan?.structuredDataPlan
    const analysis = {
      ...(plan?.summaryPlan?.enabled === false || !turns.length ? {} : { summary: summaryOf(turns) }),
      ...(dataPlan?.schema && dataPlan.enabled !== false
        ? {
          structuredData: structuredData(dataPlan.schema, turns, customer?.number) as Record<string, unknown>,
        }
        : {}),
      ...(plan?.successEvaluationPlan?.enabled === false || !turns.length
        ? {}
        : { successEvaluation: 'true' }),
    }
    const transport = call.type === 'webCall'
      ? 'daily'
      : ['twilio', 'vonage', 'telnyx'].includes(number?.provider ?? '')
      ? number!.provider
      : 'vapi.sip'
    const money = costsOf(assistant ?? {}, turns, seconds, transport)
    this.#update(call, {
      status: 'ended',
      endedReason,
      ...(turns.length ? { startedAt } : {}),
      endedAt,
      messages,
      artifact,
      analysis,
      cost: money.cost,
      costs: money.costs,
      costBreakdown: money.costBreakdown,
    } as unknown as Partial<Call>)
    send({ type: 'status-update', status: 'ended', endedReason })
    playback.events.emit('call-end')
    send({
      type: 'end-of-call-report',
      endedReason,
      startedAt: turns.length ? startedAt : undefined,
      endedAt,
      cost: money.cost,
      costs: money.costs,
      artifact,
      analysis,
    })
    await outbox
  }
}

function encodeToken(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')
}
