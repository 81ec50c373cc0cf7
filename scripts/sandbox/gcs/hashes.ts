/**
 * The two checksums GCS keeps for every object, as its JSON API shows them (base64): MD5, and CRC32C
 * (Castagnoli) as 4 big-endian bytes. Computed here independently of the client library, so that a client
 * hashing wrongly is caught instead of agreed with.
 */
import { createHash } from 'node:crypto'

const TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

export function crc32cBase64(bytes: Uint8Array): string {
  const value = crc32c(bytes)
  return btoa(String.fromCharCode(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff))
}

export function md5Base64(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('base64')
}
