/**
 * Test kit for the Vapi sandbox: a sandbox on a free port with a fresh organisation and the real SDK's
 * client for it, and a local server that records the server messages it receives.
 */
import { VapiClient, VapiError } from '@vapi-ai/server-sdk'
import { startVapiSandbox, type VapiSandbox, type VapiSandboxOptions } from '../vapi.ts'

export interface SandboxContext {
  sandbox: VapiSandbox
  key: string
  client: VapiClient
  /** Another organisation's client. */
  clientFor(key: string): VapiClient
}

export async function withSandbox(
  fn: (ctx: SandboxContext) => Promise<void>,
  options: Partial<VapiSandboxOptions> = {},
): Promise<void> {
  const sandbox = await startVapiSandbox({ port: 0, turnDelayMs: 0, retryDelayScale: 0.001, ...options })
  const clientFor = (key: string) => new VapiClient({ token: key, baseUrl: sandbox.url, maxRetries: 0 })
  const key = `sk_test_${crypto.randomUUID()}`
  try {
    await fn({ sandbox, key, client: clientFor(key), clientFor })
  } finally {
    await sandbox.stop()
  }
}

/** The VapiError a call rejects with (fails when it resolves or throws anything else). */
export async function vapiFailure(
  promise: Promise<unknown>,
): Promise<VapiError & { body: { message: unknown } }> {
  const error = await promise.then(() => undefined, (e) => e)
  if (!(error instanceof VapiError)) throw new Error(`expected a VapiError, got ${error}`)
  return error as VapiError & { body: { message: unknown } }
}

export interface Received {
  headers: Headers
  raw: string
  message: { type: string; [field: string]: unknown }
}

export interface Receiver {
  url: string
  received: Received[]
  types(): string[]
  stop(): Promise<void>
}

/** A local server URL for server messages; `answer` decides each response (200 `{}` by default). */
export function startReceiver(
  answer: (received: Received, index: number) => Response | undefined = () => undefined,
): Receiver {
  const received: Received[] = []
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: () => {} }, async (req) => {
    const raw = await req.text()
    const entry = { headers: req.headers, raw, message: JSON.parse(raw).message }
    received.push(entry)
    return answer(entry, received.length - 1) ?? Response.json({})
  })
  return {
    url: `http://127.0.0.1:${server.addr.port}/vapi/webhook`,
    received,
    types: () => received.map((r) => r.message.type),
    stop: () => server.shutdown(),
  }
}
