/**
 * The two ways of running a test call, behind one interface that reports the web SDK's events as reducer
 * actions:
 *
 * - `WebCalls`: a real call with `@vapi-ai/web`, loaded by dynamic import on the first call (it never enters
 *   the initial bundle). One Vapi instance per panel, its listeners registered once, before any `start()`.
 * - `followSimulatedCall`: the offline stack's call, played by the Vapi sandbox and followed over
 *   Server-Sent Events named as the SDK's events.
 */
import type VapiClient from '@vapi-ai/web'
import { classifyCallError, InsecureContextError, isFatalSdkError } from './call-error.ts'
import type { CallAction } from './call-state.ts'

export type Dispatch = (action: CallAction) => void

/** What the panel can do with a call under way. */
export interface CallControls {
  stop(): void
  setMuted?(muted: boolean): void
}

/** Asks for the microphone before loading anything, so a refusal is reported plainly (NotAllowedError). */
export async function checkMicrophone(): Promise<void> {
  if (!window.isSecureContext) throw new InsecureContextError('The microphone needs a secure context')
  if (!navigator.mediaDevices?.getUserMedia) {
    throw Object.assign(new Error('This browser cannot use a microphone'), { name: 'NotFoundError' })
  }
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true })
  for (const track of stream.getTracks()) track.stop()
}

/** The panel's one Vapi web client, created for the tenant's public key on the first call. */
export class WebCalls {
  #vapi: VapiClient | null = null
  #publicKey: string | null = null
  #disposed = false

  constructor(private readonly dispatch: Dispatch) {}

  async start(publicKey: string, vapiAssistantId: string): Promise<CallControls> {
    const vapi = await this.#client(publicKey)
    try {
      await vapi.start(vapiAssistantId)
    } catch (error) {
      // Also reported through `call-start-failed` / `error`; the reducer keeps the first reason.
      this.dispatch({ type: 'failed', error: classifyCallError(error) })
    }
    return {
      stop: () => void vapi.stop().catch(() => {}),
      setMuted: (muted) => {
        vapi.setMuted(muted)
        this.dispatch({ type: 'muted', muted: vapi.isMuted() })
      },
    }
  }

  /** Ends any call and lets the instance go (the panel unmounts). */
  dispose(): void {
    this.#disposed = true
    this.#release()
  }

  async #client(publicKey: string): Promise<VapiClient> {
    if (this.#vapi && this.#publicKey === publicKey) return this.#vapi
    const Vapi = vapiConstructor(await import('@vapi-ai/web'))
    if (this.#disposed) throw new Error('The test call panel was closed')
    this.#release() // the key was replaced in Settings since the last call
    const vapi = new Vapi(publicKey)
    const dispatch = this.dispatch
    vapi.on('call-start', () => dispatch({ type: 'call-start' }))
    vapi.on('call-end', () => dispatch({ type: 'call-end' }))
    vapi.on('speech-start', () => dispatch({ type: 'speech-start' }))
    vapi.on('speech-end', () => dispatch({ type: 'speech-end' }))
    vapi.on('volume-level', (level) => dispatch({ type: 'volume-level', level }))
    vapi.on('message', (message) => dispatch({ type: 'message', message }))
    vapi.on('call-start-failed', (event) => dispatch({ type: 'failed', error: classifyCallError(event) }))
    vapi.on('camera-error', (event) => dispatch({ type: 'failed', error: classifyCallError(event) }))
    vapi.on('error', (event) => {
      if (isFatalSdkError(event)) dispatch({ type: 'failed', error: classifyCallError(event) })
    })
    this.#vapi = vapi
    this.#publicKey = publicKey
    return vapi
  }

  #release(): void {
    const vapi = this.#vapi
    this.#vapi = null
    this.#publicKey = null
    if (!vapi) return
    vapi.stop().catch(() => {}).finally(() => vapi.removeAllListeners())
  }
}

/**
 * The SDK is CommonJS (`exports.default = Vapi`): depending on the bundler's interop, the dynamic import's
 * `default` is the class itself (Vite's build) or the CommonJS exports holding it (Vite's dev server).
 */
function vapiConstructor(module: { default: unknown }): typeof VapiClient {
  const exported = module.default as typeof VapiClient | { default: typeof VapiClient }
  return typeof exported === 'function' ? exported : exported.default
}

/** The events the sandbox streams, as the web SDK names them. */
const SIMPLE_EVENTS = ['call-start', 'call-end', 'speech-start', 'speech-end'] as const

/** Follows a simulated call at its events URL; `stop()` stops following (the sandbox finishes on its own). */
export function followSimulatedCall(eventsUrl: string, dispatch: Dispatch): CallControls {
  const source = new EventSource(eventsUrl)
  let ended = false
  const end = () => {
    ended = true
    source.close() // before the server closes the stream, or EventSource would reconnect and replay it
  }
  const data = (event: Event): unknown => {
    try {
      return JSON.parse((event as MessageEvent<string>).data)
    } catch {
      return undefined
    }
  }
  for (const name of SIMPLE_EVENTS) {
    source.addEventListener(name, () => {
      if (name === 'call-end') end()
      dispatch({ type: name })
    })
  }
  source.addEventListener('message', (event) => dispatch({ type: 'message', message: data(event) }))
  source.addEventListener('volume-level', (event) => {
    const level = data(event)
    if (typeof level === 'number') dispatch({ type: 'volume-level', level })
  })
  source.addEventListener('error', (event) => {
    if (ended) return
    end()
    // The sandbox's own `error` event carries a message; a transport error carries none.
    const payload = data(event)
    dispatch({
      type: 'failed',
      error: payload === undefined ? { kind: 'connection-lost' } : classifyCallError(payload),
    })
  })
  return { stop: end }
}
