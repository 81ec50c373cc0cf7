/**
 * One HTTP byte range (RFC 9110 §14), as an audio player asks for when it seeks. Several ranges in one
 * header are answered with the whole object, which the RFC allows and no player needs otherwise.
 */

/** Inclusive byte offsets. */
export interface ByteRange {
  start: number
  end: number
}

/**
 * The range a `Range` header asks of an object of `size` bytes: null to send the whole object (no header,
 * another unit, several ranges, or a malformed one, which the RFC says to ignore), 'unsatisfiable' for a 416.
 */
export function parseRange(header: string | null, size: number): ByteRange | null | 'unsatisfiable' {
  const match = header === null ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return null
  if (match[1] === '') {
    // A suffix: the last N bytes.
    const length = Number(match[2])
    if (length === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  if (match[2] !== '' && Number(match[2]) < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end }
}

/**
 * The status and headers of a GET or HEAD of an object, with its range when asked: 200 whole, 206 partial,
 * 416 unsatisfiable. `slice` is what to send (undefined for 416).
 */
export function rangeResponse(
  header: string | null,
  size: number,
): { status: 200 | 206 | 416; headers: Record<string, string>; slice?: ByteRange } {
  const range = parseRange(header, size)
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { 'content-range': `bytes */${size}`, 'accept-ranges': 'bytes' } }
  }
  if (range === null) {
    return {
      status: 200,
      headers: { 'content-length': String(size), 'accept-ranges': 'bytes' },
      slice: { start: 0, end: size - 1 },
    }
  }
  return {
    status: 206,
    headers: {
      'content-length': String(range.end - range.start + 1),
      'content-range': `bytes ${range.start}-${range.end}/${size}`,
      'accept-ranges': 'bytes',
    },
    slice: range,
  }
}
