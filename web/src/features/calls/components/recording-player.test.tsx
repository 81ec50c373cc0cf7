import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { createRef } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CallRecording } from '@shared/contracts/calls.ts'
import { getRecording } from '../api/queries.ts'
import '../i18n.ts'
import { TENANT_ID } from '../testing.tsx'
import { type PlayerHandle, RecordingPlayer } from './recording-player.tsx'

vi.mock('@/features/tenants/index.ts', () => ({ useCurrentTenant: () => ({ tenant: { id: TENANT_ID } }) }))
vi.mock('../api/queries.ts', () => ({ getRecording: vi.fn() }))

const CALL_ID = '00000000-0000-4000-8000-00000000cafe'
const later = () => new Date(Date.now() + 10 * 60_000).toISOString()

function recording(fields: Partial<CallRecording>): CallRecording {
  return { state: 'stored', url: null, expires_at: null, content_type: 'audio/wav', error: null, ...fields }
}

const audio = () => document.querySelector('audio')!

beforeEach(() => vi.mocked(getRecording).mockReset())

describe('RecordingPlayer', () => {
  it.each([
    ['pending', 'The recording is being saved; it will be playable in a moment.'],
    ['deleted', 'The recording was deleted (by the retention policy, or when the caller’s data was erased).'],
    ['none', 'No recording for this call (recording was off, or nobody answered).'],
  ] as const)('explains a %s recording', (state, sentence) => {
    render(<RecordingPlayer callId={CALL_ID} recording={recording({ state })} />)
    expect(screen.getByRole('status')).toHaveTextContent(sentence)
    expect(audio()).toBeNull()
  })

  it('says why the copy failed', () => {
    render(<RecordingPlayer callId={CALL_ID} recording={recording({ state: 'failed', error: 'HTTP 404 from Vapi' })} />)
    expect(screen.getByRole('status')).toHaveTextContent('The recording could not be saved.Reason: HTTP 404 from Vapi')
  })

  it('plays the signed URL in the browser’s player', () => {
    render(<RecordingPlayer callId={CALL_ID} recording={recording({ url: 'https://s.test/a?sig=1', expires_at: later() })} />)
    expect(audio()).toHaveAttribute('src', 'https://s.test/a?sig=1')
    expect(audio()).toHaveAttribute('controls')
    expect(audio()).toHaveAttribute('aria-label', 'Call recording')
  })

  it('asks for a fresh URL once when the player fails on the first, then shows the failure', async () => {
    vi.mocked(getRecording).mockResolvedValue(recording({ url: 'https://s.test/a?sig=2', expires_at: later() }))
    render(<RecordingPlayer callId={CALL_ID} recording={recording({ url: 'https://s.test/a?sig=1', expires_at: later() })} />)
    fireEvent.error(audio())
    await waitFor(() => expect(audio()).toHaveAttribute('src', 'https://s.test/a?sig=2'))
    expect(getRecording).toHaveBeenCalledWith(TENANT_ID, CALL_ID)

    fireEvent.error(audio())
    expect(await screen.findByRole('alert')).toHaveTextContent('The recording could not be played.')
    expect(getRecording).toHaveBeenCalledTimes(1)
  })

  it('renews an expired URL before seeking, then resumes at the asked time', async () => {
    vi.mocked(getRecording).mockResolvedValue(recording({ url: 'https://s.test/a?sig=2', expires_at: later() }))
    const ref = createRef<PlayerHandle>()
    const past = new Date(Date.now() - 1000).toISOString()
    render(<RecordingPlayer ref={ref} callId={CALL_ID} recording={recording({ url: 'https://s.test/a?sig=1', expires_at: past })} />)
    act(() => ref.current!.seek(12))
    await waitFor(() => expect(audio()).toHaveAttribute('src', 'https://s.test/a?sig=2'))
    fireEvent.loadedMetadata(audio())
    expect(audio().currentTime).toBe(12)
  })

  it('seeks at once while the URL is fresh', () => {
    const ref = createRef<PlayerHandle>()
    render(<RecordingPlayer ref={ref} callId={CALL_ID} recording={recording({ url: 'https://s.test/a?sig=1', expires_at: later() })} />)
    act(() => ref.current!.seek(7.25))
    expect(audio().currentTime).toBe(7.25)
    expect(getRecording).not.toHaveBeenCalled()
  })
})
