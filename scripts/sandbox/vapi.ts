/**
 * A loopback stand-in for Vapi's API (https://api.vapi.ai), so the functions and the real
 * @vapi-ai/server-sdk run offline. Every bearer key is an organisation of its own, kept in memory; a key
 * beginning with `invalid` is treated as revoked. One file per resource under vapi/; a new resource is a
 * `route(...)` line below.
 */
import { Hono } from 'hono'
import { assistants } from './vapi/assistants.ts'
import { type Env, Orgs } from './vapi/orgs.ts'
import { vapiError } from './vapi/errors.ts'

export interface VapiSandbox {
  url: string
  stop(): Promise<void>
}

export function createVapiApp(orgs = new Orgs()): Hono<Env> {
  const app = new Hono<Env>()
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
  })
  app.route('/assistant', assistants)
  app.notFound((c) => vapiError(404, `Cannot ${c.req.method} ${new URL(c.req.url).pathname}`))
  return app
}

export function startVapiSandbox(options: { port: number }): Promise<VapiSandbox> {
  const app = createVapiApp()
  return new Promise((resolve, reject) => {
    try {
      const server = Deno.serve(
        {
          port: options.port,
          hostname: '127.0.0.1',
          onListen: ({ port }) => resolve({ url: `http://127.0.0.1:${port}`, stop: () => server.shutdown() }),
        },
        app.fetch,
      )
    } catch (error) {
      reject(error)
    }
  })
}
