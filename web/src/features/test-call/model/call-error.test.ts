import { describe, expect, it } from 'vitest'
import { ProblemError } from '@/lib/functions.ts'
import { classifyCallError, InsecureContextError, isFatalSdkError } from './call-error.ts'

const problem = (code: string) =>
  new ProblemError({ type: 'about:blank', title: 'Conflict', status: 409, code, detail: 'Add your key' })

describe('classifyCallError', () => {
  it("recognises a denied microphone: the browser's NotAllowedError and Daily's permission errors", () => {
    expect(classifyCallError(new DOMException('Permission denied', 'NotAllowedError'))).toEqual({
      kind: 'microphone-denied',
    })
    // Vapi wraps Daily's camera-error: { type, error: { message, error: { type: 'permissions', blockedBy } } }
    expect(classifyCallError({
      type: 'camera-error',
      error: { message: 'x', error: { type: 'permissions', blockedBy: 'user', blockedMedia: ['audio'] } },
    })).toEqual({ kind: 'microphone-denied' })
    expect(
      classifyCallError({ type: 'start-method-error', error: { message: 'Permission denied by system' } }),
    )
      .toEqual({ kind: 'microphone-denied' })
  })

  it('recognises a missing microphone', () => {
    expect(classifyCallError(new DOMException('Requested device not found', 'NotFoundError'))).toEqual({
      kind: 'microphone-unavailable',
    })
  })

  it('tells an insecure page (no microphone over plain http) apart', () => {
    expect(classifyCallError(new InsecureContextError('x'))).toEqual({ kind: 'insecure-context' })
  })

  it('turns a missing public key into its own error, other problems kept whole', () => {
    expect(classifyCallError(problem('vapi_public_key_missing'))).toEqual({ kind: 'public-key-missing' })
    const other = problem('vapi_not_configured')
    expect(classifyCallError(other)).toEqual({ kind: 'problem', error: other })
  })

  it("keeps Vapi's message from call-start-failed and error events", () => {
    expect(classifyCallError({ stage: 'unknown', error: 'Invalid Key. Hot tip…', totalDuration: 3 })).toEqual(
      {
        kind: 'vapi',
        message: 'Invalid Key. Hot tip…',
      },
    )
    expect(classifyCallError({ type: 'daily-error', error: { errorMsg: 'Meeting has ended' } })).toEqual({
      kind: 'vapi',
      message: 'Meeting has ended',
    })
    expect(classifyCallError({ error: { message: ['assistantId must be a UUID', 'x'] } })).toEqual({
      kind: 'vapi',
      message: 'assistantId must be a UUID; x',
    })
    expect(classifyCallError({})).toEqual({ kind: 'vapi', message: null })
  })

  it("reports the browser's network failure as Vapi out of reach", () => {
    const failed = { type: 'start-method-error', error: { message: 'Failed to fetch', name: 'TypeError' } }
    expect(classifyCallError(failed)).toEqual({ kind: 'vapi-unreachable' })
    expect(classifyCallError({ error: 'NetworkError when attempting to fetch resource.' })).toEqual({
      kind: 'vapi-unreachable',
    })
  })

  it('treats optional audio processing failures as not fatal', () => {
    expect(isFatalSdkError({ type: 'audio-processing-setup-error' })).toBe(false)
    expect(isFatalSdkError({ type: 'daily-error' })).toBe(true)
  })
})
