/**
 * The stand-in's objects: one bucket's, in memory, and also on disk under `<dataDir>/objects/` when the
 * sandbox has a data folder (`npm start`), so recordings survive a restart. Each object keeps what GCS shows
 * of it: content type, generation, MD5 and CRC32C.
 */
import { crc32cBase64, md5Base64 } from './hashes.ts'

export interface StoredObject {
  name: string
  bytes: Uint8Array
  contentType: string
  /** GCS generations are int64 microsecond timestamps, sent as strings. */
  generation: string
  md5Hash: string
  crc32c: string
  created: string
}

type SavedMeta = Omit<StoredObject, 'bytes'>

export class Objects {
  readonly #objects = new Map<string, StoredObject>()
  #lastGeneration = 0

  private constructor(readonly dir: string | undefined) {}

  /** The objects kept under `dataDir`, or a fresh empty set in memory. */
  static async open(dataDir?: string): Promise<Objects> {
    const objects = new Objects(dataDir ? `${dataDir}/objects` : undefined)
    if (!objects.dir) return objects
    await Deno.mkdir(objects.dir, { recursive: true })
    for await (const entry of Deno.readDir(objects.dir)) {
      if (!entry.name.endsWith('.json')) continue
      const meta = JSON.parse(await Deno.readTextFile(`${objects.dir}/${entry.name}`)) as SavedMeta
      const bytes = await Deno.readFile(`${objects.dir}/${entry.name.slice(0, -'.json'.length)}.bin`)
      objects.#objects.set(meta.name, { ...meta, bytes })
    }
    return objects
  }

  get(name: string): StoredObject | undefined {
    return this.#objects.get(name)
  }

  list(prefix = ''): StoredObject[] {
    return [...this.#objects.values()].filter((o) => o.name.startsWith(prefix))
      .sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  }

  async put(name: string, bytes: Uint8Array, contentType: string): Promise<StoredObject> {
    // Strictly increasing even within one millisecond, as generations are.
    this.#lastGeneration = Math.max(this.#lastGeneration + 1, Date.now() * 1000)
    const object: StoredObject = {
      name,
      bytes,
      contentType,
      generation: String(this.#lastGeneration),
      md5Hash: md5Base64(bytes),
      crc32c: crc32cBase64(bytes),
      created: new Date().toISOString(),
    }
    if (this.dir) {
      const { bytes: _, ...meta } = object
      const base = `${this.dir}/${encodeURIComponent(name)}`
      await Deno.writeFile(`${base}.bin`, bytes)
      await Deno.writeTextFile(`${base}.json`, JSON.stringify(meta))
    }
    this.#objects.set(name, object)
    return object
  }

  async delete(name: string): Promise<boolean> {
    if (!this.#objects.delete(name)) return false
    if (this.dir) {
      const base = `${this.dir}/${encodeURIComponent(name)}`
      await Deno.remove(`${base}.json`).catch(() => {})
      await Deno.remove(`${base}.bin`).catch(() => {})
    }
    return true
  }
}

/** The JSON API's object resource. */
export function objectResource(object: StoredObject, bucket: string, baseUrl: string) {
  const encoded = encodeURIComponent(object.name)
  return {
    kind: 'storage#object',
    id: `${bucket}/${object.name}/${object.generation}`,
    selfLink: `${baseUrl}/storage/v1/b/${bucket}/o/${encoded}`,
    mediaLink:
      `${baseUrl}/download/storage/v1/b/${bucket}/o/${encoded}?generation=${object.generation}&alt=media`,
    name: object.name,
    bucket,
    generation: object.generation,
    metageneration: '1',
    contentType: object.contentType,
    storageClass: 'STANDARD',
    size: String(object.bytes.length),
    md5Hash: object.md5Hash,
    crc32c: object.crc32c,
    etag: btoa(object.generation),
    timeCreated: object.created,
    updated: object.created,
    timeStorageClassUpdated: object.created,
  }
}
