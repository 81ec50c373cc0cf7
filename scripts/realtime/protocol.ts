/**
 * The Phoenix channels framing Supabase Realtime speaks, as @supabase/realtime-js 2.x sends and reads it:
 * `vsn=2.0.0` (realtime-js' default) frames are JSON arrays `[join_ref, ref, topic, event, payload]`, plus the
 * binary "user broadcast push" a client's `channel.send({ type: 'broadcast' })` produces; `vsn=1.0.0` frames
 * are JSON objects `{ join_ref, ref, topic, event, payload }`. The server only ever answers in JSON.
 */

export type Vsn = '1.0.0' | '2.0.0'

export interface Frame {
  joinRef: string | null
  ref: string | null
  topic: string
  event: string
  payload: Record<string, unknown>
}

/** The `vsn` query parameter; Phoenix takes 1.0.0 when it is absent. */
export function parseVsn(value: string | null): Vsn | undefined {
  if (value === null || value === '1.0.0') return '1.0.0'
  if (value === '2.0.0') return '2.0.0'
  return undefined
}

export function encode(vsn: Vsn, frame: Frame): string {
  const { joinRef, ref, topic, event, payload } = frame
  return JSON.stringify(
    vsn === '2.0.0'
      ? [joinRef, ref, topic, event, payload]
      : { join_ref: joinRef, ref, topic, event, payload },
  )
}

/** The frame a WebSocket message carries, or undefined when it is not one. */
export function decode(vsn: Vsn, data: string | ArrayBuffer): Frame | undefined {
  if (typeof data !== 'string') {
    return vsn === '2.0.0' ? decodeUserBroadcastPush(new Uint8Array(data)) : undefined
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch {
    return undefined
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length < 5) return undefined
    const [joinRef, ref, topic, event, payload] = parsed
    return checked({ joinRef, ref, topic, event, payload })
  }
  if (!isObject(parsed)) return undefined
  return checked({
    joinRef: parsed.join_ref ?? null,
    ref: parsed.ref ?? null,
    topic: parsed.topic,
    event: parsed.event,
    payload: parsed.payload,
  })
}

// realtime-js' Serializer: kind 3, then the lengths of join_ref, ref, topic, user event and metadata, the
// payload's encoding, the strings, and the user's payload. Only its header is read: client broadcasts are
// answered, not relayed (see connection.ts).
const USER_BROADCAST_PUSH = 3

function decodeUserBroadcastPush(bytes: Uint8Array): Frame | undefined {
  if (bytes.length < 7 || bytes[0] !== USER_BROADCAST_PUSH) return undefined
  const lengths = [bytes[1], bytes[2], bytes[3], bytes[4]]
  const text = new TextDecoder()
  let offset = 7
  const [joinRef, ref, topic, userEvent] = lengths.map((length) => {
    const value = text.decode(bytes.subarray(offset, offset + length))
    offset += length
    return value
  })
  if (offset > bytes.length) return undefined
  return {
    joinRef: joinRef || null,
    ref: ref || null,
    topic,
    event: 'broadcast',
    payload: { event: userEvent },
  }
}

function checked(frame: Record<keyof Frame, unknown>): Frame | undefined {
  const { joinRef, ref, topic, event, payload } = frame
  const isRef = (value: unknown) => value === null || typeof value === 'string'
  if (!isRef(joinRef) || !isRef(ref) || typeof topic !== 'string' || typeof event !== 'string') {
    return undefined
  }
  if (!isObject(payload)) return undefined
  return frame as unknown as Frame
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
