import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ProblemError } from '@/lib/functions.ts'
import { startTestCall } from '../api/start-test-call.ts'
import { TestCallPanel } from './test-call-panel.tsx'

vi.mock('@/features/tenants/index.ts', () => ({
  useCurrentTenant: () => ({ tenant: { id: 'tenant-1' } }),
  useCan: () => true,
}))
vi.mock('../api/start-test-call.ts', () => ({ startTestCall: vi.fn() }))
vi.mock('@vapi-ai/web', () => ({ default: FakeVapi }))

/** Vapi's web client as the page sees it: an event emitter with start, stop and mute. */
const { FakeVapi } = vi.hoisted(() => {
  class FakeVapi {
    static instances: FakeVapi[] = []
    readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>()
    started: string[] = []
    listenersAtStart: string[] = []
    muted = false
    stopped = 0
    constructor(readonly publicKey: string) {
      FakeVapi.instances.push(this)
    }
    on(name: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
      return this
    }
    removeAllListeners() {
      this.listeners.clear()
      return this
    }
    start(assistantId: string) {
      this.listenersAtStart = [...this.listeners.keys()]
      this.started.push(assistantId)
      return Promise.resolve(null)
    }
    stop() {
      this.stopped++
      return Promise.resolve()
    }
    setMuted(muted: boolean) {
      this.muted = muted
    }
    isMuted() {
      return this.muted
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args)
    }
  }
  return { FakeVapi }
})

/** An EventSource the test drives: the sandbox's stream of a simulated call. */
class FakeEventSource {
  static last: FakeEventSource | null = null
  readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>()
  closed = false
  constructor(readonly url: string) {
    FakeEventSource.last = this
  }
  addEventListener(name: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
  }
  close() {
    this.closed = true
  }
  emit(name: string, data: unknown = {}) {
    act(() => {
      for (const listener of this.listeners.get(name) ?? []) {
        listener(new MessageEvent(name, { data: JSON.stringify(data) }))
      }
    })
  }
}

const transcript = (role: string, transcriptType: string, text: string) => ({
  type: 'transcript',
  role,
  transcriptType,
  transcript: text,
})

function renderPanel() {
  return render(
    <MemoryRouter>
      <TestCallPanel assistantId='a-1' assistantName='Front desk' />
    </MemoryRouter>,
  )
}

beforeEach(() => {
  vi.stubGlobal('EventSource', FakeEventSource)
  vi.stubGlobal('isSecureContext', true)
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.mocked(startTestCall).mockReset()
  FakeEventSource.last = null
  FakeVapi.instances = []
})

describe('TestCallPanel', () => {
  it('follows a simulated call: state, live transcript with roles, volume meter, then ended', async () => {
    vi.mocked(startTestCall).mockResolvedValue({
      mode: 'simulated',
      call_id: 'c-1',
      events_url: 'http://127.0.0.1:54330/sandbox/calls/c-1/events?token=t',
    })
    renderPanel()
    await userEvent.click(screen.getByRole('button', { name: 'Talk to this assistant' }))
    expect(startTestCall).toHaveBeenCalledWith('tenant-1', { assistant_id: 'a-1' })
    expect(await screen.findByText(/Simulated call \(offline sandbox\)/)).toBeInTheDocument()
    const source = FakeEventSource.last!
    expect(source.url).toContain('/sandbox/calls/c-1/events')

    source.emit('call-start')
    expect(screen.getByText('In call')).toBeInTheDocument()
    source.emit('speech-start')
    source.emit('volume-level', 0.72)
    expect(screen.getByRole('meter', { name: 'Assistant volume' })).toHaveAttribute('aria-valuenow', '72')
    source.emit('message', transcript('assistant', 'partial', 'Hello, thanks'))
    expect(screen.getByText('Hello, thanks')).toBeInTheDocument()
    source.emit('message', transcript('assistant', 'final', 'Hello, thanks for calling.'))
    source.emit('message', transcript('user', 'final', "I'd like an appointment."))
    expect(screen.queryByText('Hello, thanks')).not.toBeInTheDocument()
    const list = screen.getByRole('list')
    expect(list).toHaveTextContent('Front deskHello, thanks for calling.')
    expect(list).toHaveTextContent("Caller (scripted)I'd like an appointment.")

    source.emit('call-end')
    expect(source.closed).toBe(true)
    expect(screen.getByText('Call ended')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Call again' })).toBeInTheDocument()
    expect(screen.queryByRole('meter')).not.toBeInTheDocument()
  })

  it('ends a simulated call on demand', async () => {
    vi.mocked(startTestCall).mockResolvedValue({ mode: 'simulated', call_id: 'c', events_url: 'http://x/e' })
    renderPanel()
    await userEvent.click(screen.getByRole('button', { name: 'Talk to this assistant' }))
    FakeEventSource.last!.emit('call-start')
    await userEvent.click(screen.getByRole('button', { name: 'End call' }))
    expect(FakeEventSource.last!.closed).toBe(true)
    expect(screen.getByText('Call ended')).toBeInTheDocument()
  })

  it('points at Settings → Integrations when the public key is missing', async () => {
    vi.mocked(startTestCall).mockRejectedValue(
      new ProblemError({
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        code: 'vapi_public_key_missing',
      }),
    )
    renderPanel()
    await userEvent.click(screen.getByRole('button', { name: 'Talk to this assistant' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(/Add your Vapi public key/)
    expect(screen.getByRole('link', { name: /Settings → Integrations/ })).toHaveAttribute(
      'href',
      '/settings/integrations',
    )
    expect(screen.getByText('Call failed')).toBeInTheDocument()
  })

  it('asks for microphone access when the browser refuses it, before loading the Vapi SDK', async () => {
    vi.mocked(startTestCall).mockResolvedValue({ mode: 'web', public_key: 'pk', vapi_assistant_id: 'v-1' })
    const getUserMedia = vi.fn().mockRejectedValue(new DOMException('Permission denied', 'NotAllowedError'))
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getUserMedia } })
    renderPanel()
    await userEvent.click(screen.getByRole('button', { name: 'Talk to this assistant' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(/Allow microphone access/)
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true })
    expect(FakeVapi.instances).toHaveLength(0)
  })

  it('explains that the microphone needs https on an insecure page', async () => {
    vi.mocked(startTestCall).mockResolvedValue({ mode: 'web', public_key: 'pk', vapi_assistant_id: 'v-1' })
    vi.stubGlobal('isSecureContext', false)
    renderPanel()
    await userEvent.click(screen.getByRole('button', { name: 'Talk to this assistant' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(/secure connection/)
    expect(FakeVapi.instances).toHaveLength(0)
  })

  it('runs a web call with one Vapi instance: listeners before start, mute, Vapi errors, released on unmount', async () => {
    vi.mocked(startTestCall).mockResolvedValue({ mode: 'web', public_key: 'pk-1', vapi_assistant_id: 'v-1' })
    const stopTrack = vi.fn()
    const getUserMedia = vi.fn().mockResolvedValue({ getTracks: () => [{ stop: stopTrack }] })
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getUserMedia } })
    const view = renderPanel()
    await userEvent.click(screen.getByRole('button', { name: 'Talk to this assistant' }))
    await vi.waitFor(() => expect(FakeVapi.instances[0]?.started).toEqual(['v-1']))
    const vapi = FakeVapi.instances[0]
    expect(vapi.publicKey).toBe('pk-1')
    expect(stopTrack).toHaveBeenCalled()
    expect(vapi.listenersAtStart).toEqual(
      expect.arrayContaining(['call-start', 'message', 'volume-level', 'error']),
    )

    act(() => vapi.emit('call-start'))
    act(() => vapi.emit('message', transcript('user', 'final', 'Hello?')))
    expect(screen.getByRole('list')).toHaveTextContent('YouHello?')
    await userEvent.click(screen.getByRole('button', { name: 'Mute microphone' }))
    expect(vapi.muted).toBe(true)
    expect(screen.getByRole('button', { name: 'Unmute microphone' })).toHaveAttribute('aria-pressed', 'true')

    act(() => vapi.emit('call-start-failed', { stage: 'unknown', error: 'Meeting has ended' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Vapi could not run the call: Meeting has ended')

    // A second call reuses the same instance.
    await userEvent.click(screen.getByRole('button', { name: 'Call again' }))
    await vi.waitFor(() => expect(vapi.started).toEqual(['v-1', 'v-1']))
    expect(FakeVapi.instances).toHaveLength(1)

    view.unmount()
    await vi.waitFor(() => expect(vapi.listeners.size).toBe(0))
    expect(vapi.stopped).toBeGreaterThan(0)
  })
})
