/**
 * The API reference as the local stack serves it: docs/api/index.html at `/` (and `/api/`), docs/openapi.json
 * at `/openapi.json`, read from disk at each request so `npm run docs` shows on the next reload. Its own tiny
 * server, apart from the gateway, which keeps Supabase's paths only.
 */

export interface DocsServer {
  /** `http://127.0.0.1:<port>/`: the HTML reference. */
  url: string
  stop(): Promise<void>
}

export interface DocsServerOptions {
  /** 0 picks a free port (see `url`). */
  port: number
  hostname?: string
  /** The folder holding openapi.json and api/index.html; the repository's docs/ by default. */
  dir?: URL
}

const PAGES: Record<string, { file: string; type: string }> = {
  '/': { file: 'api/index.html', type: 'text/html; charset=utf-8' },
  '/api': { file: 'api/index.html', type: 'text/html; charset=utf-8' },
  '/api/': { file: 'api/index.html', type: 'text/html; charset=utf-8' },
  '/api/index.html': { file: 'api/index.html', type: 'text/html; charset=utf-8' },
  '/openapi.json': { file: 'openapi.json', type: 'application/json; charset=utf-8' },
}

export function docsHandler(
  dir = new URL('../../docs/', import.meta.url),
): (req: Request) => Promise<Response> {
  return async (req) => {
    const page = PAGES[new URL(req.url).pathname]
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return new Response('Method Not Allowed\n', { status: 405, headers: { allow: 'GET, HEAD' } })
    }
    if (!page) return new Response('Not Found: the API reference is at /\n', { status: 404 })
    let body: Uint8Array<ArrayBuffer>
    try {
      body = await Deno.readFile(new URL(page.file, dir))
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error
      return new Response(`docs/${page.file} is missing: run \`npm run docs\`\n`, { status: 404 })
    }
    return new Response(req.method === 'HEAD' ? null : body, {
      headers: {
        'content-type': page.type,
        'cache-control': 'no-cache',
        // So an OpenAPI tool in the browser (another origin) can load the document.
        ...(page.file === 'openapi.json' ? { 'access-control-allow-origin': '*' } : {}),
        'x-content-type-options': 'nosniff',
      },
    })
  }
}

export function startDocsServer(options: DocsServerOptions): DocsServer {
  const hostname = options.hostname ?? '127.0.0.1'
  const server = Deno.serve({ port: options.port, hostname, onListen: () => {} }, docsHandler(options.dir))
  return { url: `http://${hostname}:${server.addr.port}/`, stop: () => server.shutdown() }
}
