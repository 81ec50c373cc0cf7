/**
 * Writes docs/specs/vapi-openapi.subset.json: the part of Vapi's OpenAPI document the sandbox serves (its
 * paths and operations, every schema they reference, transitively) plus the schemas of what it sends or
 * accepts outside those paths (the webhook credential, the server messages), stamped with `x-extracted`.
 *
 *   deno run -A scripts/sandbox/vapi/extract-spec.ts <path to Vapi's full openapi.json>
 *
 * Vapi publishes the full document at https://api.vapi.ai/api-json; the VapiAI/docs repository keeps a
 * daily copy in fern/apis/api/openapi.json.
 */

/** The operations the sandbox answers, by path. */
export const SERVED: Record<string, string[]> = {
  '/assistant': ['post', 'get'],
  '/assistant/{id}': ['get', 'patch', 'delete'],
  '/squad': ['post', 'get'],
  '/squad/{id}': ['get', 'patch', 'delete'],
  '/phone-number': ['post', 'get'],
  '/phone-number/{id}': ['get', 'patch', 'delete'],
  '/file': ['post', 'get'],
  '/file/{id}': ['get', 'patch', 'delete'],
  '/v2/knowledge-base': ['post', 'get'],
  '/v2/knowledge-base/{id}': ['get', 'patch', 'delete'],
  '/v2/knowledge-base/{id}/file': ['post', 'get'],
  '/v2/knowledge-base/{id}/file/{fileId}': ['delete'],
  '/v2/knowledge-base/{id}/file/{fileId}/retry': ['post'],
  '/call': ['get'],
  '/call/{id}': ['get', 'patch', 'delete'],
  '/call/{id}/mono-recording': ['get'],
  '/call/{id}/stereo-recording': ['get'],
  '/call/{id}/customer-recording': ['get'],
  '/call/{id}/assistant-recording': ['get'],
}

/**
 * Schemas the sandbox uses outside the served paths: `POST /credential` (not in Vapi's public paths, but
 * its body is Vapi's CreateWebhookCredentialDTO) and the server messages a played call sends.
 */
export const EXTRA_SCHEMAS = [
  'CreateWebhookCredentialDTO',
  'WebhookCredential',
  'ServerMessageAssistantRequest',
  'ServerMessageResponseAssistantRequest',
  'ServerMessageStatusUpdate',
  'ServerMessageTranscript',
  'ServerMessageConversationUpdate',
  'ServerMessageEndOfCallReport',
]

export const SOURCE =
  "VapiAI/docs, fern/apis/api/openapi.json at commit eabfa530011ea11c0387cafc424df7a105bf9de5, Vapi's spec update of 2026-08-19; upstream https://api.vapi.ai/api-json"

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

const PREFIX = '#/components/schemas/'

/** The subset of `spec` for SERVED and EXTRA_SCHEMAS; throws naming anything missing. */
export function extract(spec: JsonObject, stamp: { sha256: string; date: string }): JsonObject {
  const paths = spec.paths as Record<string, JsonObject>
  const schemas = (spec.components as JsonObject).schemas as Record<string, Json>
  const outPaths: Record<string, JsonObject> = {}
  for (const [path, methods] of Object.entries(SERVED)) {
    const item = paths[path]
    if (!item) throw new Error(`path ${path} is not in the document`)
    const kept: JsonObject = {}
    for (const method of methods) {
      if (!item[method]) throw new Error(`${method.toUpperCase()} ${path} is not in the document`)
      kept[method] = item[method]
    }
    if (item.parameters) kept.parameters = item.parameters
    outPaths[path] = kept
  }

  const wanted = new Set<string>()
  const queue: string[] = []
  const want = (name: string) => {
    if (wanted.has(name)) return
    if (!(name in schemas)) throw new Error(`schema ${name} is referenced but not defined`)
    wanted.add(name)
    queue.push(name)
  }
  const collect = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(collect)
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          if (!value.startsWith(PREFIX)) throw new Error(`unexpected $ref ${value}`)
          want(value.slice(PREFIX.length))
        } else if (key === 'mapping' && value && typeof value === 'object' && !Array.isArray(value)) {
          for (const target of Object.values(value)) {
            if (typeof target === 'string') want(target.slice(PREFIX.length))
          }
        } else collect(value)
      }
    }
  }
  collect(outPaths)
  EXTRA_SCHEMAS.forEach(want)
  while (queue.length) collect(schemas[queue.shift()!])

  const components: JsonObject = {
    schemas: Object.fromEntries([...wanted].sort().map((name) => [name, schemas[name]])),
  }
  const securitySchemes = (spec.components as JsonObject).securitySchemes
  if (securitySchemes) components.securitySchemes = securitySchemes

  const out: JsonObject = {
    openapi: spec.openapi,
    info: spec.info,
    'x-extracted': {
      source: SOURCE,
      inputSha256: stamp.sha256,
      extractedAt: stamp.date,
      paths: Object.keys(SERVED).length,
      operations: Object.values(SERVED).flat().length,
      schemas: wanted.size,
      extraSchemas: EXTRA_SCHEMAS,
      regenerate: 'deno run -A scripts/sandbox/vapi/extract-spec.ts <path to the full openapi.json>',
    },
  }
  for (const key of ['servers', 'security', 'tags']) if (spec[key] !== undefined) out[key] = spec[key]
  out.paths = outPaths
  out.components = components
  return out
}

export const SUBSET_FILE = new URL('../../../docs/specs/vapi-openapi.subset.json', import.meta.url)

if (import.meta.main) {
  const input = Deno.args[0]
  if (!input) {
    console.error('usage: deno run -A scripts/sandbox/vapi/extract-spec.ts <path to openapi.json>')
    Deno.exit(2)
  }
  const bytes = await Deno.readFile(input)
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  const sha256 = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
  const spec = JSON.parse(new TextDecoder().decode(bytes)) as JsonObject
  const subset = extract(spec, { sha256, date: new Date().toISOString().slice(0, 10) })
  await Deno.writeTextFile(SUBSET_FILE, JSON.stringify(subset, null, 2) + '\n')
  const x = subset['x-extracted'] as JsonObject
  console.log(
    `wrote ${SUBSET_FILE.pathname}: ${x.operations} operations on ${x.paths} paths, ${x.schemas} schemas (input sha256 ${sha256})`,
  )
}
