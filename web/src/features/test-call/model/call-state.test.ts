import { describe, expect, it } from 'vitest'
import { type CallAction, callReducer, type CallState, initialCallState } from './call-state.ts'

const run = (actions: CallAction[], from: CallState = initialCallState) => actions.reduce(callReducer, from)
const transcript = (
  role: 'assistant' | 'user',
  transcriptType: 'partial' | 'final',
  text: string,
): CallAction => ({
  type: 'message',
  message: { type: 'transcript', role, transcriptType, transcript: text },
})
const inCall: CallAction[] = [{ type: 'start' }, { type: 'mode', mode: 'web' }, { type: 'call-start' }]

describe('callReducer', () => {
  it('goes idle → connecting → in-call → ended', () => {
    const connecting = run([{ type: 'start' }, { type: 'mode', mode: 'simulated' }])
    expect(connecting).toMatchObject({ status: 'connecting', mode: 'simulated' })
    const live = callReducer(connecting, { type: 'call-start' })
    expect(live.status).toBe('in-call')
    expect(callReducer(live, { type: 'call-end' }).status).toBe('ended')
  })

  it('replaces a partial by its final, line by line, and labels each speaker', () => {
    const state = run([
      ...inCall,
      transcript('assistant', 'partial', 'Hello, thanks'),
      transcript('assistant', 'partial', 'Hello, thanks for calling'),
      transcript('assistant', 'final', 'Hello, thanks for calling.'),
      transcript('user', 'partial', "I'd like"),
      transcript('user', 'final', "I'd like an appointment."),
    ])
    expect(state.transcript).toEqual([
      { id: 1, role: 'assistant', text: 'Hello, thanks for calling.', final: true },
      { id: 2, role: 'user', text: "I'd like an appointment.", final: true },
    ])
  })

  it("keeps a speaker's partial in progress while the other speaks over it", () => {
    const state = run([
      ...inCall,
      transcript('user', 'partial', 'Could I'),
      transcript('assistant', 'final', 'Sorry, go on.'),
      transcript('user', 'final', 'Could I come Tuesday?'),
    ])
    expect(state.transcript.map((l) => [l.role, l.text, l.final])).toEqual([
      ['user', 'Could I come Tuesday?', true],
      ['assistant', 'Sorry, go on.', true],
    ])
  })

  it('ignores other messages, empty transcripts and malformed ones', () => {
    const before = run(inCall)
    const after = run([
      { type: 'message', message: { type: 'conversation-update', messages: [] } },
      {
        type: 'message',
        message: { type: 'transcript', role: 'system', transcriptType: 'final', transcript: 'x' },
      },
      { type: 'message', message: null },
      transcript('assistant', 'final', '   '),
    ], before)
    expect(after).toBe(before)
  })

  it('follows the volume and speech while in call, clamped, and resets them when the call ends', () => {
    let state = run([...inCall, { type: 'speech-start' }, { type: 'volume-level', level: 1.7 }])
    expect(state).toMatchObject({ assistantSpeaking: true, volume: 1 })
    state = callReducer(state, { type: 'volume-level', level: Number.NaN })
    expect(state.volume).toBe(0)
    state = run([{ type: 'volume-level', level: 0.4 }, { type: 'speech-end' }], state)
    expect(state).toMatchObject({ assistantSpeaking: false, volume: 0 })
    state = run(
      [{ type: 'volume-level', level: 0.5 }, { type: 'muted', muted: true }, { type: 'call-end' }],
      state,
    )
    expect(state).toMatchObject({ status: 'ended', volume: 0, muted: false })
  })

  it('ends on a status-update ended message', () => {
    const state = run([...inCall, { type: 'message', message: { type: 'status-update', status: 'ended' } }])
    expect(state.status).toBe('ended')
  })

  it('keeps the first failure: the later call-end or error events do not replace it', () => {
    const state = run([
      { type: 'start' },
      { type: 'failed', error: { kind: 'microphone-denied' } },
      { type: 'failed', error: { kind: 'vapi', message: 'Meeting has ended' } },
      { type: 'call-end' },
    ])
    expect(state).toMatchObject({ status: 'failed', error: { kind: 'microphone-denied' } })
  })

  it('ignores events of no call, and late events of an ended one', () => {
    expect(
      run([{ type: 'call-start' }, { type: 'volume-level', level: 0.5 }, transcript('user', 'final', 'hi')]),
    )
      .toEqual(initialCallState)
    const ended = run([...inCall, { type: 'call-end' }])
    expect(run([transcript('assistant', 'final', 'late'), { type: 'call-start' }], ended)).toBe(ended)
  })

  it('starts afresh after an ended or failed call, but not over a live one', () => {
    const ended = run([...inCall, transcript('assistant', 'final', 'Bye'), { type: 'call-end' }])
    expect(callReducer(ended, { type: 'start' })).toEqual({ ...initialCallState, status: 'connecting' })
    const failed = run([{ type: 'start' }, { type: 'failed', error: { kind: 'connection-lost' } }])
    expect(callReducer(failed, { type: 'start' })).toEqual({ ...initialCallState, status: 'connecting' })
    const live = run(inCall)
    expect(callReducer(live, { type: 'start' })).toBe(live)
  })
})
