/**
 * The test call's state machine, pure: idle → connecting → in-call → ended, or failed from any live state.
 * Both ways of running a call (the Vapi web SDK, or a simulated call's Server-Sent Events) feed it the same
 * events, named as the SDK names them, so the panel renders one state whatever the mode.
 */
import type { CallError } from './call-error.ts'

export type CallMode = 'web' | 'simulated'
export type CallStatus = 'idle' | 'connecting' | 'in-call' | 'ended' | 'failed'
export type Speaker = 'assistant' | 'user'

/** One utterance of the transcript: partial while it is being spoken, replaced by its final text. */
export interface TranscriptLine {
  id: number
  role: Speaker
  text: string
  final: boolean
}

export interface CallState {
  status: CallStatus
  /** Known once the server answered how to run the call. */
  mode: CallMode | null
  transcript: TranscriptLine[]
  /** The assistant's output level, 0..1. */
  volume: number
  assistantSpeaking: boolean
  muted: boolean
  error: CallError | null
}

export type CallAction =
  | { type: 'start' }
  | { type: 'mode'; mode: CallMode }
  | { type: 'call-start' }
  | { type: 'message'; message: unknown }
  | { type: 'volume-level'; level: number }
  | { type: 'speech-start' }
  | { type: 'speech-end' }
  | { type: 'muted'; muted: boolean }
  | { type: 'call-end' }
  | { type: 'failed'; error: CallError }

export const initialCallState: CallState = {
  status: 'idle',
  mode: null,
  transcript: [],
  volume: 0,
  assistantSpeaking: false,
  muted: false,
  error: null,
}

/** Whether a call is under way (starting or in progress): what the end button stops. */
export function isLive(status: CallStatus): boolean {
  return status === 'connecting' || status === 'in-call'
}

export function callReducer(state: CallState, action: CallAction): CallState {
  switch (action.type) {
    case 'start':
      // A new call from any settled state; ignored while one is live.
      return isLive(state.status) ? state : { ...initialCallState, status: 'connecting' }
    case 'mode':
      return state.status === 'connecting' ? { ...state, mode: action.mode } : state
    case 'call-start':
      return state.status === 'connecting' ? { ...state, status: 'in-call' } : state
    case 'message':
      if (!isLive(state.status)) return state
      return withMessage(state, action.message)
    case 'volume-level':
      if (state.status !== 'in-call') return state
      return { ...state, volume: clamp(action.level) }
    case 'speech-start':
      return state.status === 'in-call' ? { ...state, assistantSpeaking: true } : state
    case 'speech-end':
      return state.status === 'in-call' ? { ...state, assistantSpeaking: false, volume: 0 } : state
    case 'muted':
      return isLive(state.status) ? { ...state, muted: action.muted } : state
    case 'call-end':
      // A failure stays a failure (the SDK ends the call after reporting one); idle has nothing to end.
      if (!isLive(state.status)) return state
      return { ...settled(state), status: 'ended' }
    case 'failed':
      // The first reason wins: the SDK reports one failure through several events.
      if (!isLive(state.status)) return state
      return { ...settled(state), status: 'failed', error: action.error }
  }
}

function settled(state: CallState): CallState {
  return { ...state, volume: 0, assistantSpeaking: false, muted: false }
}

function clamp(level: number): number {
  return Number.isFinite(level) ? Math.min(1, Math.max(0, level)) : 0
}

interface TranscriptMessage {
  type: 'transcript'
  role: Speaker
  transcriptType: 'partial' | 'final'
  transcript: string
}

function isTranscript(message: unknown): message is TranscriptMessage {
  if (typeof message !== 'object' || message === null) return false
  const m = message as Record<string, unknown>
  return m.type === 'transcript' && (m.role === 'assistant' || m.role === 'user') &&
    (m.transcriptType === 'partial' || m.transcriptType === 'final') && typeof m.transcript === 'string'
}

function isEndedStatus(message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false
  const m = message as Record<string, unknown>
  return m.type === 'status-update' && m.status === 'ended'
}

/**
 * Transcript messages update the transcript: a partial replaces the speaker's partial in progress (or opens
 * a line), a final settles it. A `status-update` ended ends the call. Other messages change nothing.
 */
function withMessage(state: CallState, message: unknown): CallState {
  if (isEndedStatus(message)) return { ...settled(state), status: 'ended' }
  if (!isTranscript(message) || !message.transcript.trim()) return state
  const final = message.transcriptType === 'final'
  const text = message.transcript.trim()
  const lines = state.transcript
  // The speaker's line in progress: the latest unsettled one of that role (the other side may have spoken since).
  const open = lines.findLastIndex((line) => line.role === message.role && !line.final)
  if (open >= 0) {
    const transcript = lines.map((line, i) => (i === open ? { ...line, text, final } : line))
    return { ...state, transcript }
  }
  const id = (lines.at(-1)?.id ?? 0) + 1
  return { ...state, transcript: [...lines, { id, role: message.role, text, final }] }
}
