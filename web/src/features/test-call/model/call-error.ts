/**
 * Why a test call failed, in terms the panel can explain: the microphone (denied, or none available), the
 * missing public key, Vapi's own refusal (its message), the lost stream of a simulated call, or a failed
 * request to our server (its problem). Classifies what the browser, the Vapi web SDK (and Daily under it)
 * and our client throw or emit.
 */
import { isProblemError } from '@/lib/functions.ts'

export type CallError =
  | { kind: 'microphone-denied' }
  | { kind: 'microphone-unavailable' }
  | { kind: 'insecure-context' }
  | { kind: 'public-key-missing' }
  | { kind: 'vapi'; message: string | null }
  | { kind: 'vapi-unreachable' }
  | { kind: 'connection-lost' }
  | { kind: 'problem'; error: unknown }

/** Browser and Daily names for a refused microphone. */
const DENIED_NAMES = new Set(['NotAllowedError', 'PermissionDeniedError', 'SecurityError'])
/** Browser names for a microphone that is missing or cannot be opened. */
const UNAVAILABLE_NAMES = new Set([
  'NotFoundError',
  'DevicesNotFoundError',
  'NotReadableError',
  'TrackStartError',
])

/** The page is not a secure context (http on another host than localhost): browsers hide the microphone. */
export class InsecureContextError extends Error {
  override name = 'InsecureContextError'
}

type Found = 'denied' | 'unavailable' | null

/**
 * Looks through an error and what it wraps (the SDK nests Daily's error under `error`, `errorMsg`, `details`)
 * for a microphone failure: an error name, Daily's `type: 'permissions'` / `blockedBy`, or the browser's
 * "Permission denied" text.
 */
function microphoneFailure(value: unknown, depth = 0): Found {
  if (depth > 4 || value === null || value === undefined) return null
  if (typeof value === 'string') {
    return /permission (denied|dismissed)|not allowed/i.test(value) ? 'denied' : null
  }
  if (typeof value !== 'object') return null
  const record = value as Record<string, unknown>
  const name = typeof record.name === 'string' ? record.name : undefined
  if (name && DENIED_NAMES.has(name)) return 'denied'
  if (name && UNAVAILABLE_NAMES.has(name)) return 'unavailable'
  if (record.type === 'permissions' || record.blockedBy !== undefined) return 'denied'
  if (record.type === 'not-found' || record.type === 'cam-mic-in-use') return 'unavailable'
  for (const key of ['message', 'msg', 'error', 'errorMsg', 'details', 'cause']) {
    const found = microphoneFailure(record[key], depth + 1)
    if (found) return found
  }
  return null
}

/** The human part of an SDK error: Vapi's API message, Daily's, or the error's own. */
export function errorMessage(value: unknown, depth = 0): string | null {
  if (depth > 4 || value === null || value === undefined) return null
  if (typeof value === 'string') return value.trim() || null
  if (Array.isArray(value)) {
    return value.map((v) => errorMessage(v, depth + 1)).filter(Boolean).join('; ') || null
  }
  if (typeof value !== 'object') return null
  const record = value as Record<string, unknown>
  for (const key of ['message', 'errorMsg', 'msg', 'error', 'errorDetail']) {
    const found = errorMessage(record[key], depth + 1)
    if (found) return found
  }
  return null
}

/** What an SDK event (`error`, `call-start-failed`, `camera-error`) or a thrown error means for the user. */
export function classifyCallError(value: unknown): CallError {
  if (value instanceof InsecureContextError) return { kind: 'insecure-context' }
  if (isProblemError(value)) {
    return value.code === 'vapi_public_key_missing'
      ? { kind: 'public-key-missing' }
      : { kind: 'problem', error: value }
  }
  const microphone = microphoneFailure(value)
  if (microphone === 'denied') return { kind: 'microphone-denied' }
  if (microphone === 'unavailable') return { kind: 'microphone-unavailable' }
  const message = errorMessage(value)
  // fetch's network failure, as Chromium, Firefox and Safari word it.
  if (message && /^(failed to fetch|networkerror|load failed)/i.test(message)) {
    return { kind: 'vapi-unreachable' }
  }
  return { kind: 'vapi', message }
}

/**
 * SDK `error` events that do not end the call: audio processing (noise cancellation) is optional, and the
 * SDK carries on without it.
 */
export function isFatalSdkError(event: unknown): boolean {
  const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined
  return type !== 'audio-processing-setup-error'
}
