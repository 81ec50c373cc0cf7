/**
 * The local API gateway, with Supabase's paths: `/auth/v1/*` goes to the local auth server and
 * `/functions/v1/<name>/*` to the function's handler (the same `createHandler` its index.ts serves when
 * deployed), with the path rewritten to `/<name>/*` as Supabase's edge runtime does. Functions are found
 * at request time (every folder of supabase/functions not starting with `_` that has a handler.ts), and
 * each one's `verify_jwt` is read from supabase/config.toml (default true, as on Supabase).
 * `/realtime/v1/websocket` goes to the local Realtime server (scripts/realtime/) when one is given.
 * `/storage/v1/local/*` serves the local recording store's signed URLs (supabase/functions/_shared/storage/).
 */
import { parse as parseToml } from 'smol-toml'
import { type CoreDeps, createCoreDeps } from '../supabase/functions/_shared/deps.ts'
import { type Handler, isFunctionModule } from '../supabase/functions/_shared/function.ts'
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../shared/json.ts'
import type { AuthServer } from './auth/server.ts'
import type { RealtimeServer } from './realtime/server.ts'
import { readBodyBytes } from '../shared/request-body.ts'
import { LOCAL_URL_PREFIX, serveLocalObject } from '../supabase/functions/_shared/storage/local.ts'

export interface GatewayOptions {
  auth: Pick<AuthServer, 'handler' | 'verifyJwt'>
  /** The functions' environment record (SUPABASE_URL, SUPABASE_DB_URL, …). */
  env: Record<string, string>
  /** One line per request (method, path, status, ms); never headers, query or bodies. */
  log?: (line: string) => void
  /** Defaults to the repository's supabase/ folder. */
  supabaseDir?: URL
  /** The core deps every function shares; defaults to the functions' own `createCoreDeps(env)`. */
  buildDeps?: (env: Record<string, string>) => CoreDeps
  /** Serves `/realtime/v1/websocket` (scripts/realtime/); a 404 without it. */
  realtime?: Pick<RealtimeServer, 'handler'>
}

export interface Gateway {
  handler(req: Request, info?: Deno.ServeHandlerInfo): Promise<Response>
  /** Closes what the functions opened (their database pool). */
  stop(): Promise<void>
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/
// The Fetch standard forbids these in a Request, so no function could receive them (nor should it: TRACE
// echoes the request, credentials included; CONNECT asks for a tunnel).
const UNFORWARDABLE_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'
// RFC 9110's Host: an IP literal or a reg-name (unreserved, %-encoded, sub-delims), then an optional port.
// Deno builds req.url from it unchecked, so `Host: a/b` would move the request to another path.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|(?:[\w.~!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*)(?::\d*)?$/
// Bodies for the functions: a provider's webhook (a long call's transcript) fits with room to spare, and so
// does a document upload (the files contract takes up to 10 MiB, plus the multipart envelope) so that the
// function, not the gateway, answers an oversized one with its problem+json naming the field.
const MAX_BODY_BYTES = 12 * 1024 * 1024
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i

export function createGateway(options: GatewayOptions): Gateway {
  const supabaseDir = options.supabaseDir ?? new URL('../supabase/', import.meta.url)
  const functionsDir = new URL('functions/', supabaseDir)
  const handlers = new Map<string, Promise<Handler>>()
  const buildDeps = options.buildDeps ?? createCoreDeps
  let deps: CoreDeps | undefined

  // Built on first use (a bad env fails that request, named, and the next one tries again) and shared by
  // every function, as one edge worker would hold its pool; each function adds its own deps on top.
  function sharedDeps(): CoreDeps {
    deps ??= buildDeps(options.env)
    return deps
  }

  function loadHandler(name: string): Promise<Handler> {
    let handler = handlers.get(name)
    if (!handler) {
      handler = (async () => {
        const { default: fn } = await import(new URL(`${name}/handler.ts`, functionsDir).href)
        if (!isFunctionModule(fn)) {
          throw new Error(`${name}/handler.ts does not default-export defineFunction(…)`)
        }
        return fn.createHandler(fn.createDeps(options.env, sharedDeps()))
      })()
      handlers.set(name, handler)
      // A handler that failed to load (syntax error, bad env) is retried on the next request.
      handler.catch(() => handlers.delete(name))
    }
    return handler
  }

  async function route(req: Request, url: URL, info: Deno.ServeHandlerInfo | undefined): Promise<Response> {
    if (url.pathname === '/auth/v1' || url.pathname.startsWith('/auth/v1/')) {
      return await options.auth.handler(req, info)
    }
    if (options.realtime && url.pathname === '/realtime/v1/websocket') {
      return await options.realtime.handler(req)
    }
    // Recordings of the local disk store, behind their signed URLs (LOCAL_STORAGE_DIR).
    if (url.pathname.startsWith(LOCAL_URL_PREFIX)) {
      return await serveLocalObject(req, sharedDeps(), options.env)
    }

    const match = /^\/functions\/v1\/([^/]+)(\/.*)?$/.exec(url.pathname)
    if (!match) return Response.json({ message: 'no Route matched with those values' }, { status: 404 })
    const name = match[1]
    const config = NAME.test(name) ? await functionConfig(supabaseDir, functionsDir, name) : undefined
    if (!config) {
      return Response.json({ code: 'NOT_FOUND', message: 'Requested function was not found' }, {
        status: 404,
        headers: CORS,
      })
    }
    if (config.verifyJwt && req.method !== 'OPTIONS') {
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1]
      if (!token) return Response.json({ code: 401, message: 'Missing authorization header' }, unauthorized)
      const valid = await options.auth.verifyJwt(token).then(() => true, () => false)
      if (!valid) return Response.json({ code: 401, message: 'Invalid JWT' }, unauthorized)
    }
    const body = req.body ? await readBodyBytes(req, MAX_BODY_BYTES) : null
    if (body === 'too_large') {
      return Response.json({ code: 413, message: `Request body is larger than ${MAX_BODY_BYTES} bytes` }, {
        status: 413,
        headers: CORS,
      })
    }
    if (
      body && JSON_TYPE.test(req.headers.get('content-type') ?? '') &&
      jsonDepthExceeds(new TextDecoder().decode(body), MAX_JSON_DEPTH)
    ) {
      return Response.json({ code: 400, message: `JSON body nested deeper than ${MAX_JSON_DEPTH} levels` }, {
        status: 400,
        headers: CORS,
      })
    }
    const handler = await loadHandler(name)
    const target = new URL(`/${name}${match[2] ?? ''}${url.search}`, url)
    // Copied field by field: `new Request(target, req)` would read req.signal, which Deno.serve aborts once
    // the response is sent (and warns about).
    return await handler(new Request(target, { method: req.method, headers: req.headers, body }))
  }

  return {
    async handler(req, info) {
      const started = performance.now()
      const url = requestUrl(req)
      let res: Response
      if (!url) {
        res = Response.json({ code: 400, message: 'Invalid Host header' }, { status: 400, headers: CORS })
      } else if (UNFORWARDABLE_METHODS.has(req.method.toUpperCase())) {
        res = Response.json({ code: 405, message: 'Method Not Allowed' }, {
          status: 405,
          headers: { ...CORS, allow: ALLOWED_METHODS },
        })
      } else {
        try {
          res = await route(req, url, info)
        } catch (error) {
          console.error(
            `gateway: ${req.method} ${url.pathname} failed:`,
            error instanceof Error ? error.message : error,
          )
          res = Response.json({ code: 500, message: 'Internal Server Error' }, { status: 500, headers: CORS })
        }
      }
      options.log?.(
        `${req.method} ${url?.pathname ?? '(invalid Host)'} ${res.status} ${
          Math.round(performance.now() - started)
        }ms`,
      )
      return res
    },
    async stop() {
      await deps?.db.end()
    },
  }
}

// The SPA must be able to read the gateway's own errors, which never reach a function's CORS handling.
const CORS = { 'access-control-allow-origin': '*' }
const unauthorized = { status: 401, headers: CORS }

/** The request's URL, or undefined when its Host header is malformed. */
function requestUrl(req: Request): URL | undefined {
  const host = req.headers.get('host')
  if (host !== null && !HOST.test(host)) return undefined
  try {
    return new URL(req.url)
  } catch {
    return undefined
  }
}

/** The function's folder and config.toml entry: undefined when it has no handler or is disabled. */
async function functionConfig(
  supabaseDir: URL,
  functionsDir: URL,
  name: string,
): Promise<{ verifyJwt: boolean } | undefined> {
  if (name.startsWith('_')) return undefined
  try {
    if (!(await Deno.stat(new URL(`${name}/handler.ts`, functionsDir))).isFile) return undefined
  } catch {
    return undefined
  }
  // Read at each request so an edit to config.toml applies without a restart, as it does for new functions.
  let entry: { enabled?: unknown; verify_jwt?: unknown } = {}
  try {
    const config = parseToml(await Deno.readTextFile(new URL('config.toml', supabaseDir))) as {
      functions?: Record<string, typeof entry>
    }
    entry = config.functions?.[name] ?? {}
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error
  }
  if (entry.enabled === false) return undefined
  return { verifyJwt: entry.verify_jwt !== false }
}
