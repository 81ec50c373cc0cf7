/**
 * A loopback stand-in for Vapi's API (https://api.vapi.ai), so the functions and the real
 * @vapi-ai/server-sdk run offline. Every bearer key is an organisation of its own; a key beginning with
 * `invalid` is treated as revoked. Request bodies are validated against Vapi's own contract
 * (docs/specs/vapi-openapi.subset.json) and refused with Vapi's messages. One file per resource under vapi/;
 * a new resource is a `route(...)` line below. `POST /sandbox/calls` plays a call: the server messages Vapi
 * sends, to the configured server URL, and a live event stream for the browser (vapi/play.ts).
 */
import { Hono } from 'hono'
import type { Vapi } from '@vapi-ai/server-sdk'
import { assistants } from './vapi/assistants.ts'
import { calls } from './vapi/calls.ts'
import { credentials } from './vapi/credentials.ts'
import { files } from './vapi/files.ts'
import { knowledgeBases } from './vapi/knowledge-bases.ts'
import { phoneNumbers } from './vapi/phone-numbers.ts'
import { squads } from './vapi/squads.ts'
import { type Env, Orgs } from './vapi/orgs.ts'
import { vapiError } from './vapi/errors.ts'
import { type PlayCallRequest, Player } from './vapi/play.ts'
import { publicSandboxRoutes, sandboxRoutes } from './vapi/sandbox-routes.ts'
import { loadOrgs, persistOrgs } from './vapi/persistence.ts'
import type { Delivery } from './vapi/delivery.ts'
import { warmValidators } from './vapi/validation.ts'

export type { PlayCallRequest } from './vapi/play.ts'
export type { Delivery } from './vapi/delivery.ts'

export interface VapiSandbox {
  url: string
  stop(): Promise<void>
}

export interface VapiAppOptions {
  /** Pause between the turns of a played call, in ms (default 700, a pace a person can follow). */
  turnDelayMs?: number
  /** Multiplies `server.backoffPlan` delays (default 1; tests use ~0.001). */
  retryDelayScale?: number
}

export interface VapiSandboxOptions extends VapiAppOptions {
  /** 0: a free port. */
  port: number
  /** Keep the organisations in this JSON file across restarts; in memory only when absent. */
  dataFile?: string
  /** Compile the request validators before listening (default true; see warmValidators). */
  warmValidators?: boolean
}

function buildSandbox(orgs: Orgs, options: VapiAppOptions): { app: Hono<Env>; player: Player } {
  const player = new Player(orgs, {
    turnDelayMs: options.turnDelayMs ?? 700,
    retryDelayScale: options.retryDelayScale ?? 1,
  })
  const app = new Hono<Env>()
  app.route('/', publicSandboxRoutes(orgs, player))
  app.use('*', async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')
    if (!match || match[1].startsWith('invalid')) {
      return vapiError(
        401,
        'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.',
      )
    }
    c.set('org', orgs.forKey(match[1]))
    await next()
    // Reads change nothing worth saving (a file's status is worked out again from its timestamps).
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') orgs.changed()
  })
  app.route('/assistant', assistants)
  app.route('/squad', squads)
  app.route('/phone-number', phoneNumbers)
  app.route('/file', files)
  app.route('/v2/knowledge-base', knowledgeBases)
  app.route('/call', calls)
  app.route('/credential', credentials)
  app.route('/sandbox', sandboxRoutes(player))
  app.notFound((c) => vapiError(404, `Cannot ${c.req.method} ${new URL(c.req.url).pathname}`))
  app.onError((error) => {
    console.error('vapi sandbox:', error)
    return vapiError(500, 'Internal server error')
  })
  return { app, player }
}

export async function startVapiSandbox(options: VapiSandboxOptions): Promise<VapiSandbox> {
  const orgs = options.dataFile ? await loadOrgs(options.dataFile) : new Orgs()
  const saver = options.dataFile ? persistOrgs(orgs, options.dataFile) : undefined
  const { app, player } = buildSandbox(orgs, options)
  if (options.warmValidators !== false) warmValidators()
  return new Promise((resolve, reject) => {
    try {
      const server = Deno.serve(
        {
          port: options.port,
          hostname: '127.0.0.1',
          onListen: ({ port }) =>
            resolve({
              url: `http://127.0.0.1:${port}`,
              stop: async () => {
                await player.stop()
                await server.shutdown()
                await saver?.flush()
              },
            }),
        },
        app.fetch,
      )
    } catch (error) {
      reject(error)
    }
  })
}

/** `POST /sandbox/calls`: plays a call in the organisation of `apiKey`; throws with Vapi's message on a 4xx. */
export async function playCall(
  baseUrl: string,
  apiKey: string,
  body: PlayCallRequest,
): Promise<{ call: Vapi.Call; eventsUrl: string }> {
  const res = await fetch(`${baseUrl}/sandbox/calls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const json = await res.json()
  if (res.status !== 201) throw new Error(`playCall: ${res.status} ${JSON.stringify(json.message ?? json)}`)
  return json
}

/** Waits until a played call has ended and its last server message was delivered (or given up). */
export async function waitForCall(
  baseUrl: string,
  apiKey: string,
  callId: string,
  timeoutMs = 15_000,
): Promise<{ call: Vapi.Call; deliveries: Delivery[] }> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const res = await fetch(`${baseUrl}/sandbox/calls/${callId}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    })
    const json = await res.json()
    if (res.status !== 200) {
      throw new Error(`waitForCall: ${res.status} ${JSON.stringify(json.message ?? json)}`)
    }
    if (json.finished) return { call: json.call, deliveries: json.deliveries }
    if (Date.now() > deadline) throw new Error(`waitForCall: call ${callId} still ${json.call.status}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
