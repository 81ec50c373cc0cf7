/** Per-key organisations: what Vapi keeps server-side for each account, here in memory. */
import type { Vapi } from '@vapi-ai/server-sdk'

/** The SDK's types are Vapi's wire format (camelCase JSON). */
export type Assistant = Vapi.Assistant

export interface Org {
  id: string
  assistants: Map<string, Assistant>
}

/** Hono context variables set by the key check. */
export interface Env {
  Variables: { org: Org }
}

export class Orgs {
  readonly #byKey = new Map<string, Org>()

  forKey(key: string): Org {
    let org = this.#byKey.get(key)
    if (!org) {
      org = { id: crypto.randomUUID(), assistants: new Map() }
      this.#byKey.set(key, org)
    }
    return org
  }
}
