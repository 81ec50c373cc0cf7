import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineContract } from '@shared/contracts/route.ts'
import { settingsContract, type VapiSettings } from '@shared/contracts/settings.ts'
import { tenantsContract } from '@shared/contracts/tenants.ts'
import { invokeFunction, ProblemError } from './functions.ts'

const { getVapi, saveVapiKey, deleteVapiKey } = settingsContract.routes

/** A route table with a path param and a query, as later functions will have. */
const things = defineContract({
  name: 'things',
  summary: 'test',
  routes: {
    get: {
      method: 'GET',
      path: '/:id/parts',
      summary: 'parts of a thing',
      access: 'settings.read',
      params: z.object({ id: z.string() }),
      query: z.object({ limit: z.number().optional(), q: z.string().optional() }),
      response: z.object({ ok: z.boolean() }),
    },
  },
})

type Handler = (req: IncomingMessage, res: ServerResponse) => void
const routes = new Map<string, Handler>()
const seen: { url: string; method: string; tenant?: string; body: string }[] = []
let server: Server
let baseUrl: string

const settings: VapiSettings = {
  has_vapi_key: true,
  vapi_api_key_preview: 'sk_live_…9f2c',
  vapi_api_key_updated_at: '2026-11-21T10:25:00Z',
  vapi_public_key: null,
  has_webhook_secret: false,
  webhook_secret_preview: null,
  webhook_credential_id: null,
  webhook_auth: 'none',
  webhook_url: 'http://127.0.0.1:54321/functions/v1/webhooks/vapi/t1',
  rejected_deliveries: 0,
  last_rejected_at: null,
  last_rejected_reason: null,
}

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  res.writeHead(status, { 'content-type': type })
  res.end(JSON.stringify(body))
}

beforeAll(async () => {
  server = createServer((req, res) => {
    // The page runs on another origin than the API, as the SPA does against the gateway.
    res.setHeader('access-control-allow-origin', '*')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, DELETE',
        'access-control-allow-headers': 'authorization, apikey, content-type, x-client-info, x-tenant-id',
      })
      return res.end()
    }
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const tenant = req.headers['x-tenant-id']
      seen.push({
        url: req.url!,
        method: req.method!,
        tenant: typeof tenant === 'string' ? tenant : undefined,
        body,
      })
      const handler = routes.get(`${req.method} ${req.url}`)
      if (handler) handler(req, res)
      else json(res, 404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'route_not_found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const clients = new Map<string, SupabaseClient>()
function client(url = baseUrl) {
  if (!clients.has(url)) {
    clients.set(
      url,
      createClient(url, 'anon-key', {
        auth: { persistSession: false, autoRefreshToken: false, storageKey: url },
      }),
    )
  }
  return clients.get(url)!
}

describe('invokeFunction', () => {
  it('sends the tenant header and the JSON body, and parses the answer with the contract', async () => {
    routes.set('POST /functions/v1/settings/vapi', (_req, res) => json(res, 200, settings))
    const result = await invokeFunction(client(), saveVapiKey, {
      tenantId: '3f1c4f1e-8a57-4e0e-b0a4-0f5b8d1b6c11',
      body: { vapi_api_key: 'sk_test_123456789' },
    })
    expect(result).toEqual(settings)
    const request = seen.at(-1)!
    expect(request.tenant).toBe('3f1c4f1e-8a57-4e0e-b0a4-0f5b8d1b6c11')
    expect(JSON.parse(request.body)).toEqual({ vapi_api_key: 'sk_test_123456789' })
  })

  it('turns a problem+json answer into a ProblemError with its field errors', async () => {
    routes.set('POST /functions/v1/settings/vapi', (_req, res) =>
      json(res, 422, {
        type: 'urn:switchboard:problem:vapi_key_invalid',
        title: 'Vapi refused this API key',
        status: 422,
        code: 'vapi_key_invalid',
        errors: [{ field: 'vapi_api_key', message: 'Vapi refused this key', code: 'vapi_key_invalid' }],
        request_id: 'req-1',
      }, 'application/problem+json'))
    const error = await invokeFunction(client(), saveVapiKey, {
      body: { vapi_api_key: 'invalid_key_1234' },
    }).catch((e) => e)
    expect(error).toBeInstanceOf(ProblemError)
    expect(error).toMatchObject({ status: 422, code: 'vapi_key_invalid', requestId: 'req-1' })
    expect(error.fieldError('vapi_api_key')?.message).toBe('Vapi refused this key')
    expect(error.fieldError('other')).toBeUndefined()
  })

  it('keeps the status of an error that is not problem+json', async () => {
    routes.set('GET /functions/v1/tenants', (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<h1>Bad gateway</h1>')
    })
    const error = await invokeFunction(client(), tenantsContract.routes.list, {}).catch((e) => e)
    expect(error).toBeInstanceOf(ProblemError)
    expect(error).toMatchObject({ status: 502, code: 'http_error' })
  })

  it('reports an answer that breaks the contract instead of passing it on', async () => {
    routes.set('GET /functions/v1/settings/vapi', (_req, res) => json(res, 200, { has_vapi_key: 'yes' }))
    const error = await invokeFunction(client(), getVapi, {}).catch((e) => e)
    expect(error).toMatchObject({ name: 'ProblemError', code: 'invalid_response' })
    expect(error.detail).toContain('GET settings/vapi')
  })

  it('answers nothing for a 204 route (DELETE)', async () => {
    routes.set('DELETE /functions/v1/settings/vapi', (_req, res) => {
      res.writeHead(204)
      res.end()
    })
    await expect(invokeFunction(client(), deleteVapiKey, {})).resolves.toBeUndefined()
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', url: '/functions/v1/settings/vapi' })
  })

  it('fills path params (encoded) and the query string from the route entry', async () => {
    routes.set('GET /functions/v1/things/a%2Fb%20c/parts?limit=5&q=x%26y', (_req, res) => json(res, 200, { ok: true }))
    const result = await invokeFunction(client(), things.routes.get, {
      params: { id: 'a/b c' },
      query: { limit: 5, q: 'x&y' },
    })
    expect(result).toEqual({ ok: true })
  })

  it('maps an unreachable server to a network_error', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const error = await invokeFunction(client(`http://127.0.0.1:${port}`), tenantsContract.routes.list, {})
      .catch((e) => e)
    expect(error).toBeInstanceOf(ProblemError)
    expect(error).toMatchObject({ status: 0, code: 'network_error' })
  })
})
