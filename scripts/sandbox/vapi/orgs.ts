/**
 * Per-key organisations: what Vapi keeps server-side for each account, here in memory. Keys are kept only as
 * their sha256, so a saved state (persistence.ts) never holds a key.
 */
import { createHash } from 'node:crypto'
import type { Vapi } from '@vapi-ai/server-sdk'

/** The SDK's types are Vapi's wire format (camelCase JSON). */
export type Assistant = Vapi.Assistant
export type Squad = Vapi.Squad
export type Call = Vapi.Call

/** A phone number as stored: any provider's fields, secrets (twilioAuthToken, …) included. */
export interface PhoneNumber {
  id: string
  orgId: string
  provider: 'vapi' | 'twilio' | 'vonage' | 'telnyx' | 'byo-phone-number'
  number?: string
  status?: 'active' | 'activating' | 'blocked'
  name?: string
  assistantId?: string
  squadId?: string
  server?: Vapi.Server
  createdAt: string
  updatedAt: string
  [field: string]: unknown
}

/** Vapi's File object, with the uploaded bytes (base64) that the sandbox serves at `url`. */
export interface StoredFile {
  object: 'file'
  id: string
  orgId: string
  name: string
  originalName: string
  bytes: number
  mimetype: string
  purpose?: string
  status: 'processing' | 'done' | 'failed'
  url: string
  path: string
  key: string
  bucket: string
  metadata?: Record<string, unknown>
  parsedTextUrl?: string
  parsedTextBytes?: number
  createdAt: string
  updatedAt: string
  /** Not sent: the file's bytes. */
  content: string
}

export interface KnowledgeBaseFile {
  id: string
  knowledgeBaseV2Id: string
  fileId: string
  fileName: string
  mimetype: string
  bytes: number
  status: 'indexing' | 'ready' | 'failed'
  createdAt: string
  updatedAt: string
}

export interface KnowledgeBase {
  id: string
  orgId: string
  name: string
  description?: string | null
  /** The search tool Vapi generates for the base (an assistant lists it in model.toolIds). */
  toolId: string | null
  files: KnowledgeBaseFile[]
  createdAt: string
  updatedAt: string
}

/** A webhook credential (`POST /credential`, provider `webhook`): how server messages authenticate. */
export interface Credential {
  id: string
  orgId: string
  provider: 'webhook'
  name?: string
  authenticationPlan: AuthenticationPlan
  createdAt: string
  updatedAt: string
}

export type AuthenticationPlan =
  | { type: 'bearer'; token: string; headerName?: string; bearerPrefixEnabled?: boolean }
  | {
    type: 'hmac'
    secretKey: string
    algorithm: 'sha256' | 'sha512' | 'sha1'
    signatureHeader?: string
    timestampHeader?: string
    signaturePrefix?: string
    includeTimestamp?: boolean
    payloadFormat?: string
    messageIdHeader?: string
    signatureEncoding?: 'hex' | 'base64'
    secretIsBase64?: boolean
  }
  | { type: 'oauth2'; url: string; clientId: string; clientSecret: string; scope?: string }

export interface Org {
  id: string
  assistants: Map<string, Assistant>
  squads: Map<string, Squad>
  phoneNumbers: Map<string, PhoneNumber>
  files: Map<string, StoredFile>
  knowledgeBases: Map<string, KnowledgeBase>
  calls: Map<string, Call>
  credentials: Map<string, Credential>
}

const COLLECTIONS = [
  'assistants',
  'squads',
  'phoneNumbers',
  'files',
  'knowledgeBases',
  'calls',
  'credentials',
] as const
type Collection = typeof COLLECTIONS[number]

/** What persistence.ts writes: each organisation by the sha256 of its key. */
export interface SavedOrgs {
  version: 1
  orgs: ({ keyHash: string; id: string } & { [C in Collection]?: unknown[] })[]
}

/** Hono context variables set by the key check. */
export interface Env {
  Variables: { org: Org }
}

export function newOrg(id: string = crypto.randomUUID()): Org {
  return {
    id,
    assistants: new Map(),
    squads: new Map(),
    phoneNumbers: new Map(),
    files: new Map(),
    knowledgeBases: new Map(),
    calls: new Map(),
    credentials: new Map(),
  }
}

export class Orgs {
  readonly #byKeyHash = new Map<string, Org>()
  /** Called after anything changed (persistence.ts saves then, debounced). */
  onChange?: () => void

  forKey(key: string): Org {
    const hash = keyHash(key)
    let org = this.#byKeyHash.get(hash)
    if (!org) {
      org = newOrg()
      this.#byKeyHash.set(hash, org)
      this.changed()
    }
    return org
  }

  all(): Org[] {
    return [...this.#byKeyHash.values()]
  }

  changed(): void {
    this.onChange?.()
  }

  save(): SavedOrgs {
    return {
      version: 1,
      orgs: [...this.#byKeyHash].map(([hash, org]) => ({
        keyHash: hash,
        id: org.id,
        ...Object.fromEntries(COLLECTIONS.map((name) => [name, [...org[name].values()]])),
      })),
    }
  }

  static load(saved: SavedOrgs): Orgs {
    const orgs = new Orgs()
    for (const entry of saved.orgs) {
      const org = newOrg(entry.id)
      for (const name of COLLECTIONS) {
        const map = org[name] as Map<string, { id: string }>
        for (const item of (entry[name] ?? []) as { id: string }[]) map.set(item.id, item)
      }
      orgs.#byKeyHash.set(entry.keyHash, org)
    }
    return orgs
  }
}

function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}
