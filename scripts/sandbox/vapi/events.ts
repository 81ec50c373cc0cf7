/**
 * The live stream of a played call for the browser (`GET /sandbox/calls/:id/events?token=…`): Server-Sent
 * Events named as `@vapi-ai/web` names what it emits to a page (`call-start`, `message`, `volume-level`,
 * `speech-start`, `speech-end`, `call-end`, `error`), each `data` a JSON value. A late subscriber first gets
 * every event so far, so the page may connect after the call started; the stream ends after `call-end`.
 */
export type WebEvent =
  | 'call-start'
  | 'message'
  | 'volume-level'
  | 'speech-start'
  | 'speech-end'
  | 'call-end'
  | 'error'

interface Sent {
  event: WebEvent
  data: unknown
}

export class CallEvents {
  readonly #sent: Sent[] = []
  readonly #listeners = new Set<(sent: Sent | null) => void>()
  #closed = false

  emit(event: WebEvent, data: unknown = {}): void {
    if (this.#closed) return
    const sent = { event, data }
    this.#sent.push(sent)
    for (const listener of this.#listeners) listener(sent)
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const listener of this.#listeners) listener(null)
    this.#listeners.clear()
  }

  get events(): readonly Sent[] {
    return this.#sent
  }

  /** The SSE response: the events so far, then the live ones until the call ends or the client leaves. */
  response(headers: Record<string, string>): Response {
    const encoder = new TextEncoder()
    let listener: ((sent: Sent | null) => void) | undefined
    let id = 0
    const frame = (sent: Sent) =>
      encoder.encode(`id: ${++id}\nevent: ${sent.event}\ndata: ${JSON.stringify(sent.data)}\n\n`)
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(encoder.encode(': vapi sandbox call events\n\n'))
        for (const sent of this.#sent) controller.enqueue(frame(sent))
        if (this.#closed) return controller.close()
        listener = (sent) => {
          try {
            if (sent) controller.enqueue(frame(sent))
            else controller.close()
          } catch {
            // The client left.
          }
        }
        this.#listeners.add(listener)
      },
      cancel: () => {
        if (listener) this.#listeners.delete(listener)
      },
    })
    return new Response(body, {
      headers: {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
      },
    })
  }
}
