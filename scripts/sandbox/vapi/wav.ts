/**
 * The recordings of a played call: real WAV files (RIFF, PCM 16-bit, 8 kHz) with one short tone per turn,
 * the assistant at 440 Hz and the caller at 660 Hz, so a player shows a few seconds proportional to the call.
 * Mono (both), one side only (`assistant`, `customer`), or stereo (caller left, assistant right).
 */
export const SAMPLE_RATE = 8000

export interface Turn {
  role: 'assistant' | 'user'
  text: string
}

export type RecordingKind = 'mono' | 'stereo' | 'assistant' | 'customer'

/** Seconds of tone for a turn: longer turns, longer tones, within 0.4 to 1.5 s. */
export function toneSeconds(text: string): number {
  return Math.min(1.5, 0.4 + 0.05 * text.split(/\s+/).filter(Boolean).length)
}

const GAP_SECONDS = 0.2

export function recordingWav(turns: Turn[], kind: RecordingKind): Uint8Array {
  const channels = kind === 'stereo' ? 2 : 1
  const frames: number[][] = []
  for (const turn of turns) {
    const seconds = toneSeconds(turn.text)
    const count = Math.round(seconds * SAMPLE_RATE)
    const frequency = turn.role === 'assistant' ? 440 : 660
    const audible = kind === 'mono' || kind === 'stereo' ||
      (kind === 'assistant') === (turn.role === 'assistant')
    for (let i = 0; i < count; i++) {
      // A 20 ms fade at both ends, so the tones do not click.
      const envelope = Math.min(1, i / 160, (count - i) / 160)
      const sample = audible
        ? Math.round(Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE) * 0.3 * 32767 * envelope)
        : 0
      if (channels === 1) frames.push([sample])
      else frames.push(turn.role === 'user' ? [sample, 0] : [0, sample])
    }
    for (let i = 0; i < GAP_SECONDS * SAMPLE_RATE; i++) frames.push(new Array(channels).fill(0))
  }
  return encodeWav(frames, channels)
}

function encodeWav(frames: number[][], channels: number): Uint8Array {
  const dataBytes = frames.length * channels * 2
  const buffer = new ArrayBuffer(44 + dataBytes)
  const view = new DataView(buffer)
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i))
  }
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + dataBytes, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true) // fmt chunk size
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, channels, true)
  view.setUint32(24, SAMPLE_RATE, true)
  view.setUint32(28, SAMPLE_RATE * channels * 2, true) // byte rate
  view.setUint16(32, channels * 2, true) // block align
  view.setUint16(34, 16, true) // bits per sample
  ascii(36, 'data')
  view.setUint32(40, dataBytes, true)
  let offset = 44
  for (const frame of frames) {
    for (const sample of frame) {
      view.setInt16(offset, sample, true)
      offset += 2
    }
  }
  return new Uint8Array(buffer)
}
