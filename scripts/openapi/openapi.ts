/**
 * Builds the OpenAPI 3.1 document of the functions from their route tables (CONTRACTS in
 * shared/contracts/index.ts): one operation per route entry, its schemas converted by z.toJSONSchema (the
 * request as the server accepts it, `io: 'input'`; the response as it sends it, `io: 'output'`), and the
 * problems each route can answer. Schemas exported under a name by a module of shared/contracts become
 * components.schemas entries of that name; a named schema used both ways whose input and output differ (an
 * object's output forbids extra keys, a default makes an input field optional) gets a second entry,
 * `<Name>Input`. Everything else is inlined.
 */
import { z } from 'zod'
import {
  type Access,
  type Contract,
  isTenantRoute,
  type RouteProblem,
  type RouteSpec,
  successStatus,
  type UploadSpec,
} from '../../shared/contracts/route.ts'
import { TENANT_HEADER } from '../../shared/contracts/tenants.ts'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../shared/contracts/pagination.ts'
import { MAX_BODY_BYTES } from '../../supabase/functions/_shared/http.ts'

// deno-lint-ignore no-explicit-any
export type Json = any
type Schema = Record<string, unknown>
type Io = 'input' | 'output'

export const SCHEMA_PREFIX = '#/components/schemas/'
export const PROBLEM_MEDIA_TYPE = 'application/problem+json'
/** The local stack's gateway: the default of the `supabase_url` server variable. */
export const LOCAL_SUPABASE_URL = 'http://127.0.0.1:54321'

export interface BuildOptions {
  contracts: readonly Contract[]
  /** Schemas by the name a module of shared/contracts exports them under (see loadNamedSchemas). */
  named: ReadonlyMap<string, z.ZodType>
  version: string
}

/** A problem and what it means, as the reference lists it under its status. */
export interface ProblemCode {
  code: string
  description: string
}

interface CommonProblem extends RouteProblem {
  /** Which routes can answer it. */
  when: (route: RouteSpec) => boolean
}

const signedIn = (route: RouteSpec) => route.access !== 'public' && route.access !== 'provider-signed'
const hasBody = (route: RouteSpec) => route.body !== undefined
const hasUpload = (route: RouteSpec) => route.upload !== undefined
const hasInput = (route: RouteSpec) => Boolean(route.params || route.query || route.body || route.upload)

/**
 * The problems the route helper and the app answer for any route, by status then in the order they are
 * checked (supabase/functions/_shared/{routes,http,auth}.ts).
 */
export const COMMON_PROBLEMS: readonly CommonProblem[] = [
  {
    status: 400,
    code: 'tenant_header_invalid',
    description: `The \`${TENANT_HEADER}\` header is missing or is not a uuid`,
    when: isTenantRoute,
  },
  {
    status: 400,
    code: 'malformed_json',
    description: 'The body is not valid JSON',
    when: hasBody,
  },
  {
    status: 400,
    code: 'malformed_multipart',
    description: 'The body is not valid `multipart/form-data`',
    when: hasUpload,
  },
  {
    status: 400,
    code: 'validation_failed',
    description: 'Some fields are invalid: `errors[]` names each one (a body field by its dotted path, ' +
      '`query.<name>`, `path.<name>`) with a message and a code',
    when: hasInput,
  },
  {
    status: 401,
    code: 'missing_token',
    description: 'No `Authorization: Bearer <access token>` header',
    when: signedIn,
  },
  {
    status: 401,
    code: 'malformed_token',
    description: 'The Authorization header is not `Bearer <jwt>`, or the token is not a JWT',
    when: signedIn,
  },
  {
    status: 401,
    code: 'user_required',
    description: "The token is not a signed-in user's (the anon key, say)",
    when: signedIn,
  },
  {
    status: 401,
    code: 'invalid_signature',
    description: 'The token is not signed by this project',
    when: signedIn,
  },
  {
    status: 401,
    code: 'token_expired',
    description: 'The access token has expired: refresh the session and retry',
    when: signedIn,
  },
  {
    status: 401,
    code: 'invalid_token',
    description: 'The token was issued for another project or audience, or one of its claims is invalid',
    when: signedIn,
  },
  {
    status: 401,
    code: 'invalid_signature',
    description: "The provider's signature of the body is missing or wrong",
    when: (route) => route.access === 'provider-signed',
  },
  {
    status: 403,
    code: 'forbidden',
    description: "The caller's role in the tenant lacks the route's permission",
    when: isTenantRoute,
  },
  {
    status: 404,
    code: 'tenant_not_found',
    description: 'No such tenant, or the caller is not an active member of it (tenant ids cannot be probed)',
    when: isTenantRoute,
  },
  {
    status: 413,
    code: 'payload_too_large',
    description: `The body is larger than ${MAX_BODY_BYTES} bytes`,
    // A route with a limit of its own documents its 413 itself.
    when: (route) => hasBody(route) && route.maxBodyBytes === undefined,
  },
  {
    status: 413,
    code: 'payload_too_large',
    description: "The file is larger than the route's limit (`errors[]` names the field)",
    when: hasUpload,
  },
  {
    status: 415,
    code: 'unsupported_media_type',
    description: 'The body is not sent as `application/json`',
    when: (route) => hasBody(route) && route.access !== 'provider-signed',
  },
  {
    status: 415,
    code: 'unsupported_media_type',
    description: 'The body is not `multipart/form-data`, or the file is of a type the route does not take ' +
      '(`errors[]` names the field)',
    when: hasUpload,
  },
  {
    status: 500,
    code: 'internal_error',
    description: 'Something failed on our side: quote the `request_id` when reporting it',
    when: () => true,
  },
  {
    status: 500,
    code: 'response_contract_violation',
    description: 'The response broke its contract (checked only where VALIDATE_RESPONSES is on: the local ' +
      'stack and the tests)',
    // A download is a Response of its own: nothing to check it against.
    when: (route) => route.response !== null && route.produces === undefined,
  },
  {
    status: 503,
    code: 'auth_unavailable',
    description: "The project's signing keys could not be fetched to verify the token: retry shortly",
    when: signedIn,
  },
]

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? 'Error'
}

/** `/settings/vapi/:id` → `/settings/vapi/{id}` (the function's name first, as the gateway routes it). */
export function openApiPath(contract: Pick<Contract, 'name'>, route: Pick<RouteSpec, 'path'>): string {
  const path = route.path === '/' ? '' : route.path
  return `/${contract.name}${path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}')}`
}

/**
 * The zod schemas the modules of shared/contracts export, by export name: they become the named components.
 * Two different schemas exported under one name is an error (the reference would show the wrong one).
 */
export async function loadNamedSchemas(
  dir = new URL('../../shared/contracts/', import.meta.url),
): Promise<Map<string, z.ZodType>> {
  const files: string[] = []
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(entry.name)
  }
  const named = new Map<string, z.ZodType>()
  const seen = new Set<z.ZodType>()
  for (const file of files.sort()) {
    const module = await import(new URL(file, dir).href)
    for (const [name, value] of Object.entries(module).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
      if (!(value instanceof z.ZodType) || seen.has(value)) continue
      const other = named.get(name)
      if (other && other !== value) {
        throw new Error(`shared/contracts: two different schemas are exported as "${name}"; rename one`)
      }
      named.set(name, value)
      seen.add(value)
    }
  }
  return named
}

/** Drops what z.toJSONSchema adds for JSON Schema documents but is noise in a component. */
function clean(schema: Schema): Schema {
  const { $schema: _schema, $id: _id, id: _ident, ...rest } = schema
  return rest
}

/** `.int()` adds the safe-integer bounds; they say nothing a reader needs. */
function override(ctx: { jsonSchema: Schema }): void {
  const json = ctx.jsonSchema
  if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum
  if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum
}

function toJsonSchema(schema: z.ZodType, io: Io): Schema {
  return clean(
    z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'throw', override }) as Schema,
  )
}

/** Calls `visit` on every `$ref` string in a JSON value, replacing it with what `visit` returns. */
function mapRefs(value: Json, visit: (ref: string) => string): Json {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, visit))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, Json> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof item === 'string' ? visit(item) : mapRefs(item, visit)
  }
  return out
}

function refsIn(value: Json): string[] {
  const refs: string[] = []
  mapRefs(value, (ref) => {
    refs.push(ref)
    return ref
  })
  return refs
}

/**
 * The body and response schemas of every route, converted in one pass per direction so named schemas are
 * referenced, not repeated; then named per direction, and the unnamed ones used once inlined.
 */
class SchemaConverter {
  private readonly registry = z.registry<{ id: string }>()
  private readonly ids = new Map<z.ZodType, string>()
  private readonly synthetic = new Set<string>()
  private readonly roots: { io: Io; id: string }[] = []
  private converted?: Record<Io, Record<string, Schema>>
  private names?: Map<string, string>
  private inline?: Set<string>

  constructor(named: ReadonlyMap<string, z.ZodType>) {
    for (const [name, schema] of named) {
      this.registry.add(schema, { id: name })
      this.ids.set(schema, name)
    }
  }

  /** Registers a schema used by an operation; returns a handle for `schema()` once `finish()` ran. */
  use(schema: z.ZodType, io: Io, fallbackName: string): string {
    let id = this.ids.get(schema)
    if (!id) {
      id = fallbackName
      if (this.registry.has(schema) || [...this.ids.values()].includes(id)) {
        throw new Error(`schema name "${id}" is taken`)
      }
      this.registry.add(schema, { id })
      this.ids.set(schema, id)
      this.synthetic.add(id)
    }
    this.roots.push({ io, id })
    return `${io}:${id}`
  }

  finish(): void {
    const uri = (io: Io) => (id: string) => `#/__${io}/${id}`
    const convert = (io: Io) => {
      const { schemas } = z.toJSONSchema(this.registry, {
        io,
        target: 'draft-2020-12',
        unrepresentable: 'throw',
        uri: uri(io),
        override,
      })
      return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, clean(s as Schema)]))
    }
    const converted = { input: convert('input'), output: convert('output') }
    this.converted = converted

    // Which schemas each direction reaches, and which are reached through a reference (not only as a root).
    const reached = new Set<string>()
    const referenced = new Set<string>()
    const queue = this.roots.map(({ io, id }) => `${io}:${id}`)
    while (queue.length) {
      const key = queue.shift()!
      if (reached.has(key)) continue
      reached.add(key)
      const [io, id] = split(key)
      for (const ref of refsIn(converted[io][id])) {
        const target = parseProvisional(ref)
        if (!target) throw new Error(`unexpected $ref ${ref} in ${id}`)
        referenced.add(`${target.io}:${target.id}`)
        queue.push(`${target.io}:${target.id}`)
      }
    }

    const expand = (io: Io, id: string, path: string[] = []): Json => {
      if (path.includes(id)) return { $cycle: id }
      return mapRefs(converted[io][id], (ref) => {
        const target = parseProvisional(ref)!
        return JSON.stringify(expand(target.io, target.id, [...path, id]))
      })
    }

    const names = new Map<string, string>()
    const inline = new Set<string>()
    for (const key of reached) {
      const [io, id] = split(key)
      const base = this.synthetic.has(id) ? pascal(id) : id
      const other = `${io === 'input' ? 'output' : 'input'}:${id}`
      const differs = reached.has(other) &&
        JSON.stringify(expand('input', id)) !== JSON.stringify(expand('output', id))
      names.set(key, differs && io === 'input' ? `${base}Input` : base)
      if (this.synthetic.has(id) && !referenced.has(key)) inline.add(key)
    }
    const owners = new Map<string, string>()
    for (const [key, name] of names) {
      if (inline.has(key)) continue
      const id = split(key)[1]
      if ((owners.get(name) ?? id) !== id) {
        throw new Error(
          `"${owners.get(name)}" and "${id}" would both be components.schemas.${name}: rename one`,
        )
      }
      owners.set(name, id)
    }
    this.names = names
    this.inline = inline
  }

  private rewrite(value: Json): Json {
    return mapRefs(value, (ref) => {
      const target = parseProvisional(ref)
      return target ? SCHEMA_PREFIX + this.names!.get(`${target.io}:${target.id}`)! : ref
    })
  }

  /** The schema an operation uses: a $ref to its component, or inline when it has no name. */
  schema(handle: string): Schema {
    const [io, id] = split(handle)
    if (this.inline!.has(handle)) return this.rewrite(this.converted![io][id])
    return { $ref: SCHEMA_PREFIX + this.names!.get(handle) }
  }

  /** components.schemas, by name. */
  components(): Record<string, Schema> {
    const entries: [string, Schema][] = []
    const done = new Set<string>()
    for (const [key, name] of this.names!) {
      if (this.inline!.has(key) || done.has(name)) continue
      done.add(name)
      const [io, id] = split(key)
      entries.push([name, this.rewrite(this.converted![io][id])])
    }
    return Object.fromEntries(entries.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0))
  }
}

function split(key: string): [Io, string] {
  const colon = key.indexOf(':')
  return [key.slice(0, colon) as Io, key.slice(colon + 1)]
}

function parseProvisional(ref: string): { io: Io; id: string } | undefined {
  const match = /^#\/__(input|output)\/(.+)$/.exec(ref)
  return match ? { io: match[1] as Io, id: match[2] } : undefined
}

/** `start-test-call` → `StartTestCall`: a name as a TypeScript type. */
export function pascal(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join(
    '',
  )
}

/** The parameters of a params or query object: one per key, with its own schema, required unless optional. */
function parameters(object: z.ZodObject, location: 'path' | 'query'): Json[] {
  const json = toJsonSchema(object, 'input')
  const properties = (json.properties ?? {}) as Record<string, Schema>
  const required = new Set((json.required ?? []) as string[])
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema
    return {
      name,
      in: location,
      ...(typeof description === 'string' ? { description } : {}),
      required: location === 'path' || required.has(name),
      schema: rest,
    }
  })
}

export function accessText(access: Access): string {
  switch (access) {
    case 'user':
      return 'Any signed-in user (a Supabase Auth access token); no tenant header.'
    case 'public':
      return 'Anyone: no token.'
    case 'provider-signed':
      return 'The provider, which signs the raw body: no user token.'
    default:
      return `A member of the tenant named by \`${TENANT_HEADER}\` whose role grants the \`${access}\` ` +
        'permission. Anyone else gets `404 tenant_not_found` when not an active member of that tenant, ' +
        '`403 forbidden` when their role lacks the permission.'
  }
}

/** Every problem a route can answer, by status: the common ones that apply, then the route's own. */
export function routeProblems(route: RouteSpec): Map<number, ProblemCode[]> {
  const byStatus = new Map<number, ProblemCode[]>()
  const add = (p: RouteProblem) => {
    const list = byStatus.get(p.status) ?? []
    if (!list.some((known) => known.code === p.code)) list.push({ code: p.code, description: p.description })
    byStatus.set(p.status, list)
  }
  for (const problem of COMMON_PROBLEMS) if (problem.when(route)) add(problem)
  for (const problem of route.problems ?? []) add(problem)
  return new Map([...byStatus].sort(([a], [b]) => a - b))
}

function problemResponse(status: number, codes: ProblemCode[]): Json {
  const list = codes.map((c) => `- \`${c.code}\`: ${c.description}`).join('\n')
  return {
    description: `${statusText(status)}. Problem codes:\n\n${list}`,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: `${SCHEMA_PREFIX}Problem` } } },
    'x-problem-codes': codes,
  }
}

function overview(): string {
  return `The HTTP API of Switchboard's Edge Functions, generated from their route tables \
(\`shared/contracts\`). Each function is served at \`{SUPABASE_URL}/functions/v1/<function>\`: on a Supabase \
project \`https://<project-ref>.supabase.co/functions/v1\`, locally (\`npm start\`) \
\`${LOCAL_SUPABASE_URL}/functions/v1\`. The SPA calls these routes with \`supabase.functions.invoke\`, which \
sends the session's access token.

## Authentication

Signed-in routes take the user's Supabase Auth **access token**: \`Authorization: Bearer <access_token>\`. \
Tenant routes act on one tenant and also need the \`${TENANT_HEADER}\` header: the id of one of the caller's \
tenants (\`GET /tenants\`). Each route names who may call it: a permission of the caller's role in that tenant, \
any signed-in user, anyone, or a provider that signs its webhooks.

## Errors

Every error is an RFC 9457 problem (\`${PROBLEM_MEDIA_TYPE}\`, the \`Problem\` schema) with a stable \`code\` \
to branch on, a \`title\`, often a \`detail\`, the \`request_id\` (also in the \`x-request-id\` response header) \
and, for invalid input, \`errors[]\` naming each field: body fields by their dotted path, \`query.<name>\`, \
\`path.<name>\`. Each route lists the codes it can answer. Besides those:

- \`404 route_not_found\`: no route for this method and path.
- Writes the database refuses: \`403 forbidden\` (row-level security), \`409 already_exists\`, \
\`409 reference_conflict\`, \`400 invalid_value\`, \`422 constraint_violation\`.

## Conventions

- Bodies and fields are snake_case JSON; timestamps are ISO 8601 strings.
- Lists are \`GET\` with \`?cursor=&limit=\` (limit ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}) \
and answer \`{ items, next_cursor }\` in a stable order; pass \`next_cursor\` back as \`cursor\` for the next \
page, until it is \`null\` (keyset pagination: pages neither skip nor repeat rows when others are added).
- Creating answers \`201\` with the resource, updating is a \`PATCH\` with only the fields to change, deleting \
answers \`204\` with no body.
- Another tenant's resource answers \`404\`, exactly as a missing one; a missing permission answers \`403\`.`
}

/** An upload route's multipart/form-data body: one binary field, its size limit and accepted types. */
function uploadBody(upload: UploadSpec): Json {
  const types = upload.types.map((t) => `\`${t.extension}\` (${t.mimeTypes.join(', ')})`).join(', ')
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: [upload.field],
          properties: {
            [upload.field]: {
              type: 'string',
              format: 'binary',
              contentMediaType: 'application/octet-stream',
              description: `At most ${upload.maxBytes} bytes. Accepted: ${types}.`,
            },
          },
        },
        encoding: {
          [upload.field]: { contentType: upload.types.flatMap((t) => t.mimeTypes).join(', ') },
        },
      },
    },
  }
}

export function buildOpenApi(options: BuildOptions): Json {
  const problem = options.named.get('Problem')
  if (!problem) throw new Error('shared/contracts must export the Problem schema')
  const converter = new SchemaConverter(options.named)
  converter.use(problem, 'output', 'Problem')

  type Pending = { contract: Contract; key: string; route: RouteSpec; body?: string; response?: string }
  const pending: Pending[] = []
  for (const contract of options.contracts) {
    for (const [key, route] of Object.entries(contract.routes)) {
      const base = `${contract.name}.${key}`
      pending.push({
        contract,
        key,
        route,
        body: route.body ? converter.use(route.body, 'input', `${base}.body`) : undefined,
        response: route.response ? converter.use(route.response, 'output', `${base}.response`) : undefined,
      })
    }
  }
  converter.finish()

  const paths: Record<string, Record<string, Json>> = {}
  for (const { contract, key, route, body, response } of pending) {
    const path = openApiPath(contract, route)
    const method = route.method.toLowerCase()
    paths[path] ??= {}
    if (paths[path][method]) throw new Error(`${route.method} ${path} is declared twice`)

    const tenant = isTenantRoute(route)
    const params = [
      ...(tenant ? [{ $ref: '#/components/parameters/TenantId' }] : []),
      ...(route.params ? parameters(route.params, 'path') : []),
      ...(route.query ? parameters(route.query, 'query') : []),
    ]
    const status = successStatus(route)
    const responses: Record<string, Json> = {
      [status]: status === 204 ? { description: statusText(204) } : {
        description: statusText(status),
        // A download (CSV, zip) is documented under its own media type.
        content: { [route.produces ?? 'application/json']: { schema: converter.schema(response!) } },
      },
    }
    for (const [code, codes] of routeProblems(route)) responses[code] = problemResponse(code, codes)

    paths[path][method] = {
      operationId: `${contract.name}.${key}`,
      tags: [contract.name],
      summary: route.summary,
      description: [route.description, `**Access:** ${accessText(route.access)}`].filter(Boolean).join(
        '\n\n',
      ),
      'x-access': tenant ? 'tenant' : route.access,
      ...(tenant ? { 'x-permission': route.access } : {}),
      security: route.access === 'public' || route.access === 'provider-signed' ? [] : [{ bearerAuth: [] }],
      ...(params.length ? { parameters: params } : {}),
      ...(route.body
        ? {
          requestBody: {
            required: !route.body.safeParse(undefined).success,
            content: { 'application/json': { schema: converter.schema(body!) } },
          },
        }
        : {}),
      ...(route.upload ? { requestBody: uploadBody(route.upload) } : {}),
      responses,
    }
  }

  const schemas = converter.components()
  schemas.Problem = {
    description: 'RFC 9457 problem details: the body of every error response.',
    ...schemas.Problem,
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: options.version,
      summary: 'The Edge Functions of Switchboard, the multi-tenant AI receptionist platform.',
      description: overview(),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [
      {
        url: '{supabase_url}/functions/v1',
        description: "The project's Edge Functions",
        variables: {
          supabase_url: {
            default: LOCAL_SUPABASE_URL,
            description: "The project's API URL, SUPABASE_URL: `https://<project-ref>.supabase.co` on " +
              'Supabase, the gateway of `npm start` locally.',
          },
        },
      },
    ],
    tags: options.contracts.map((c) => ({ name: c.name, description: c.summary })),
    paths,
    components: {
      schemas,
      parameters: {
        TenantId: {
          name: TENANT_HEADER,
          in: 'header',
          required: true,
          description: "The tenant the request acts on: the id of one of the caller's tenants " +
            '(`GET /tenants`). Not a member: `404 tenant_not_found`.',
          schema: { type: 'string', format: 'uuid' },
        },
      },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "A Supabase Auth access token (the session's `access_token`), verified against " +
            "the project's signing keys (`{SUPABASE_URL}/auth/v1/.well-known/jwks.json`).",
        },
      },
    },
  }
}

/** Pretty-printed, two spaces, ending with a newline: the committed docs/openapi.json. */
export function serialise(document: Json): string {
  return `${JSON.stringify(document, null, 2)}\n`
}
