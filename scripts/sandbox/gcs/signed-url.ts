/**
 * Verifies a V4 signed URL (GOOG4-RSA-SHA256) the way GCS does: rebuilds the canonical request from what
 * arrives (method, path as sent, the query without X-Goog-Signature in RFC 3986 encoding and sorted, the
 * signed headers, UNSIGNED-PAYLOAD), hashes it into the string to sign, and checks the RSA signature with the
 * public key of the service account named in X-Goog-Credential. The `host` header is compared without its
 * port, because @google-cloud/storage signs the endpoint's hostname only.
 *
 * Answers like GCS: 400 AuthorizationQueryParametersError for missing or malformed parameters, 400
 * ExpiredToken past X-Goog-Date + X-Goog-Expires, 403 SignatureDoesNotMatch; null when the URL is good.
 */
import { createHash, type KeyObject, verify } from 'node:crypto'
import { xmlError } from './errors.ts'

const MAX_EXPIRES = 7 * 24 * 3600
const DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

export function isSignedUrl(url: URL): boolean {
  return url.searchParams.has('X-Goog-Signature') || url.searchParams.has('X-Goog-Algorithm')
}

const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

function queryError(detail: string): Response {
  return xmlError(
    400,
    'AuthorizationQueryParametersError',
    'Query-string authentication version 4 requires the X-Goog-Algorithm, X-Goog-Credential, X-Goog-Date, X-Goog-Expires, X-Goog-SignedHeaders and X-Goog-Signature query parameters.',
    detail,
  )
}

export function checkSignedUrl(
  req: Request,
  url: URL,
  publicKeys: ReadonlyMap<string, KeyObject>,
  now: Date,
): Response | null {
  const q = url.searchParams
  if (q.get('X-Goog-Algorithm') !== 'GOOG4-RSA-SHA256') {
    return queryError('X-Goog-Algorithm must be GOOG4-RSA-SHA256')
  }
  const credential = /^(.+)\/(\d{8})\/([a-z0-9-]+)\/storage\/goog4_request$/.exec(
    q.get('X-Goog-Credential') ?? '',
  )
  const date = DATE.exec(q.get('X-Goog-Date') ?? '')
  const expires = q.get('X-Goog-Expires') ?? ''
  const signedHeaders = (q.get('X-Goog-SignedHeaders') ?? '').split(';')
  const signature = q.get('X-Goog-Signature') ?? ''
  if (!credential || !date || credential[2] !== date.slice(1, 4).join('')) {
    return queryError('X-Goog-Credential and X-Goog-Date are malformed or disagree')
  }
  if (!/^\d+$/.test(expires) || Number(expires) < 1 || Number(expires) > MAX_EXPIRES) {
    return queryError(`X-Goog-Expires must be between 1 and ${MAX_EXPIRES} seconds`)
  }
  if (!signedHeaders.includes('host') || !/^(?:[0-9a-f]{2})+$/.test(signature)) {
    return queryError('X-Goog-SignedHeaders must include host, X-Goog-Signature must be hex')
  }

  const [, year, month, day, hour, minute, second] = date.map(Number)
  const expiresAt = new Date(Date.UTC(year, month - 1, day, hour, minute, second) + Number(expires) * 1000)
  if (now > expiresAt) {
    return xmlError(
      400,
      'ExpiredToken',
      'Invalid argument.',
      `Request signature expired at: ${expiresAt.toISOString()}`,
    )
  }

  const canonicalQuery = [...q.entries()]
    .filter(([key]) => key !== 'X-Goog-Signature')
    .map(([key, value]) => [rfc3986(key), rfc3986(value)])
    .sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)
    .map(([key, value]) => `${key}=${value}`)
    .join('&')
  const headerValue = (name: string) =>
    name === 'host'
      ? new URL(`http://${req.headers.get('host') ?? url.host}`).hostname
      : (req.headers.get(name) ?? '').trim().replace(/\s{2,}/g, ' ')
  const canonicalHeaders = [...signedHeaders].sort().map((name) => `${name}:${headerValue(name)}\n`).join('')
  const canonicalRequest = [
    req.method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n')
  const stringToSign = [
    'GOOG4-RSA-SHA256',
    q.get('X-Goog-Date'),
    credential.slice(2).join('/') + '/storage/goog4_request',
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n')
  const key = publicKeys.get(credential[1])
  if (!key || !verify('sha256', new TextEncoder().encode(stringToSign), key, hexBytes(signature))) {
    return xmlError(
      403,
      'SignatureDoesNotMatch',
      'Access denied.',
      'The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.',
    )
  }
  return null
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (byte) => parseInt(byte, 16))
}
