/**
 * Tenant credentials sealed with AES-256-GCM (WebCrypto) under APP_ENCRYPTION_KEY.
 *
 * Sealed text: `v1.<keyId>.<base64url iv>.<base64url ciphertext+tag>`, with `${tenantId}:${provider}` as
 * associated data so a ciphertext copied onto another tenant's (or provider's) row does not open.
 *
 * Rotation: put a new key first in APP_ENCRYPTION_KEY (`new:<b64>,old:<b64>`). New writes seal with it; old
 * ciphertexts still open with the old key. `reseal()` re-encrypts one value under the current key (it returns
 * null when already current); run it over provider_credentials (service role) and, once no row has the old
 * key_id, drop the old key from the variable.
 */
import type { EncryptionKey } from './env.ts'

const VERSION = 'v1'
const IV_BYTES = 12

/** What a sealed value is bound to: opening it for another tenant or provider fails. */
export interface SealContext {
  tenantId: string
  provider: string
}

export interface Sealed {
  /** The compact sealed text stored in provider_credentials.ciphertext. */
  text: string
  keyId: string
}

/** A sealed value that does not open: unknown key, tampering, or the wrong tenant/provider. */
export class SecretError extends Error {
  override name = 'SecretError'
}

export interface Secrets {
  currentKeyId: string
  seal(plaintext: string, context: SealContext): Promise<Sealed>
  open(sealed: string, context: SealContext): Promise<string>
  /** Re-encrypts under the current key; null when the value already uses it. */
  reseal(sealed: string, context: SealContext): Promise<Sealed | null>
}

export function createSecrets(keys: readonly EncryptionKey[]): Secrets {
  if (keys.length === 0) throw new SecretError('no encryption key configured')
  const imported = new Map<string, Promise<CryptoKey>>(
    keys.map((
      k,
    ) => [k.id, crypto.subtle.importKey('raw', k.bytes, 'AES-GCM', false, ['encrypt', 'decrypt'])]),
  )
  const current = keys[0].id

  async function seal(plaintext: string, context: SealContext): Promise<Sealed> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
    const key = await imported.get(current)!
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: aad(context) },
      key,
      new TextEncoder().encode(plaintext),
    )
    return {
      text: [VERSION, current, toBase64Url(iv), toBase64Url(new Uint8Array(data))].join('.'),
      keyId: current,
    }
  }

  async function open(sealed: string, context: SealContext): Promise<string> {
    const { keyId, iv, data } = parse(sealed)
    const key = imported.get(keyId)
    if (!key) throw new SecretError(`sealed with unknown key id "${keyId}"`)
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: aad(context) },
        await key,
        data,
      )
      return new TextDecoder().decode(plain)
    } catch {
      throw new SecretError('sealed value does not open (tampered, or bound to another tenant/provider)')
    }
  }

  async function reseal(sealed: string, context: SealContext): Promise<Sealed | null> {
    if (parse(sealed).keyId === current) return null
    return await seal(await open(sealed, context), context)
  }

  return { currentKeyId: current, seal, open, reseal }
}

/** The key id a sealed text names, without opening it. */
export function sealedKeyId(sealed: string): string {
  return parse(sealed).keyId
}

/**
 * A recognisable, non-reversible hint: `sk_live_…9f2c` (a leading `word_` prefix when the key has one, else
 * its first 4 characters, then the last 4). Short values show only their last 4.
 */
export function preview(secret: string): string {
  const tail = secret.slice(-4)
  const prefix = /^(?:[A-Za-z]{1,10}_){1,3}/.exec(secret)?.[0] ?? secret.slice(0, 4)
  // Keep at least 12 hidden characters so the preview never gives away most of a short secret.
  if (secret.length < prefix.length + tail.length + 12) return `…${secret.length >= 12 ? tail : ''}`
  return `${prefix}…${tail}`
}

function aad({ tenantId, provider }: SealContext): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${tenantId}:${provider}`)
}

function parse(sealed: string) {
  const parts = sealed.split('.')
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretError('not a sealed value')
  const [, keyId, iv, data] = parts
  try {
    const ivBytes = fromBase64Url(iv)
    if (ivBytes.length !== IV_BYTES) throw new Error()
    return { keyId, iv: ivBytes, data: fromBase64Url(data) }
  } catch {
    throw new SecretError('not a sealed value')
  }
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new SecretError('not base64url')
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (ch) => ch.charCodeAt(0))
}

/** A fresh random secret (webhook secrets): 32 bytes, base64url. */
export function randomSecret(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)))
}
