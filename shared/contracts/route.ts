/**
 * Route tables: every endpoint of every function is declared once, here in shared/, with its zod schemas and
 * who may call it. The functions bind an operation to each entry (supabase/functions/_shared/routes.ts), the
 * SPA calls the same entry through one typed client (web/src/lib/functions.ts), and docs/openapi.json is
 * generated from the tables. A renamed path or a changed response is then a type error, not a broken page.
 */
import type { z } from 'zod'
import type { Permission } from '../permissions.ts'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Who may call a route:
 * - a permission: a signed-in, active member of the tenant named by `x-tenant-id` whose role grants it;
 * - `user`: any signed-in user, no tenant (creating a tenant, listing one's own);
 * - `public`: anyone, no token;
 * - `provider-signed`: a provider (Vapi, Meta, Twilio) that signs the raw body; no user token.
 */
export type Access = Permission | 'user' | 'public' | 'provider-signed'

/** A problem a route may answer besides the common ones (400, 401, 404 tenant, 403, 500): documentation. */
export interface RouteProblem {
  status: number
  code: string
  description: string
}

export interface RouteSpec {
  method: HttpMethod
  /** Relative to the function, Hono/Express style params: `/assistants/:id`. */
  path: `/${string}`
  summary: string
  description?: string
  access: Access
  /** One key per `:param` of the path. */
  params?: z.ZodObject
  query?: z.ZodObject
  body?: z.ZodType
  /** The success body; `null` for 204 No Content. */
  response: z.ZodType | null
  /** Success status: 200 by default, 204 when `response` is null; creates declare 201. */
  status?: 200 | 201 | 202
  problems?: readonly RouteProblem[]
  /** A multipart/form-data upload of one file instead of a JSON body (the operation gets `input.upload`). */
  upload?: UploadSpec
  /**
   * A download instead of JSON: the operation returns a Response of this media type (its `response` schema,
   * a string, documents the body), and the API reference lists the response under it.
   */
  produces?: 'text/csv' | 'application/zip'
  /** The JSON body's limit in bytes when it is not the API's 64 KiB (a provider's large webhook messages). */
  maxBodyBytes?: number
}

/** One kind of file an upload route takes. */
export interface UploadType {
  /** Lower case, with the dot: `.pdf`. */
  extension: `.${string}`
  /** The media types a client may declare for it (the part's Content-Type). */
  mimeTypes: readonly string[]
  /** The bytes such a file starts with, when the format has a signature (`%PDF-`, a zip's `PK\x03\x04`). */
  magic?: readonly number[]
}

/** The one file a multipart/form-data route takes, checked by the route helper before the operation runs. */
export interface UploadSpec {
  /** The form field carrying the file. */
  field: string
  maxBytes: number
  types: readonly UploadType[]
}

/** Why a file is refused: the status and code the API answers, and the field's error code. */
export type UploadRefusal =
  | { status: 413; reason: 'too_large'; message: string }
  | { status: 415; reason: 'unsupported_type'; message: string }
  | { status: 400; reason: 'empty' | 'content_mismatch'; message: string }

/**
 * Checks a file against an upload route's rules: size, extension, declared media type and, for formats with
 * a signature, its first bytes (`head`, at least as long as the longest signature). The same rules run in
 * the browser before sending and in the route helper on receipt; null when the file is acceptable.
 */
export function checkUpload(
  spec: UploadSpec,
  file: { name: string; type: string; size: number },
  head: Uint8Array,
): UploadRefusal | null {
  if (file.size > spec.maxBytes) {
    return { status: 413, reason: 'too_large', message: `At most ${spec.maxBytes} bytes` }
  }
  if (file.size === 0) return { status: 400, reason: 'empty', message: 'The file is empty' }
  const type = uploadType(spec, file.name)
  const declared = file.type.split(';')[0].trim().toLowerCase()
  if (!type || !type.mimeTypes.includes(declared)) {
    return {
      status: 415,
      reason: 'unsupported_type',
      message: `Accepted: ${
        spec.types.map((t) => t.extension).join(', ')
      } (the extension and the media type ` +
        'must agree)',
    }
  }
  if (type.magic && !type.magic.every((byte, i) => head[i] === byte)) {
    return { status: 400, reason: 'content_mismatch', message: `The content is not a ${type.extension} file` }
  }
  return null
}

/** The upload type a file name's extension designates, if the route takes it. */
export function uploadType(spec: UploadSpec, name: string): UploadType | undefined {
  const dot = name.lastIndexOf('.')
  const extension = dot >= 0 ? name.slice(dot).toLowerCase() : ''
  return spec.types.find((t) => t.extension === extension)
}

/** How many leading bytes checkUpload needs to see. */
export function uploadHeadLength(spec: UploadSpec): number {
  return Math.max(0, ...spec.types.map((t) => t.magic?.length ?? 0))
}

export interface Contract {
  /** The function's folder name, its base path (`/functions/v1/<name>`). */
  name: string
  summary: string
  routes: Record<string, RouteSpec>
}

/** A route entry that knows its function, so a caller needs nothing but the entry. */
export type BoundRoute<R extends RouteSpec = RouteSpec, N extends string = string> = R & { readonly fn: N }

export type BoundContract<C extends Contract> = Omit<C, 'routes'> & {
  routes: { [K in keyof C['routes']]: BoundRoute<C['routes'][K], C['name']> }
}

/**
 * Keeps the literal types of a route table (paths, access, schemas) for inference on both sides, stamps each
 * entry with its function's name, and refuses a path whose `:params` differ from its params schema.
 */
export function defineContract<const C extends Contract>(contract: C): BoundContract<C> {
  const routes: Record<string, BoundRoute> = {}
  for (const [key, route] of Object.entries(contract.routes)) {
    const names = pathParams(route.path)
    const declared = Object.keys(route.params?.shape ?? {})
    if (names.join() !== declared.join()) {
      throw new Error(
        `${contract.name}.${key}: path params [${names}] differ from params schema [${declared}]`,
      )
    }
    routes[key] = { ...route, fn: contract.name }
  }
  return { ...contract, routes } as BoundContract<C>
}

type Output<S> = S extends z.ZodType ? z.output<S> : undefined
type Input<S> = S extends z.ZodType ? z.input<S> : undefined

/** What an operation receives, parsed (defaults applied, strings trimmed). */
export interface RouteInput<R extends RouteSpec> {
  params: Output<R['params']>
  query: Output<R['query']>
  body: Output<R['body']>
  /** The file of an upload route (`upload`), checked against its rules. */
  upload: R['upload'] extends UploadSpec ? File : undefined
}

/** What an operation returns: the response schema's input (it is validated and serialised after). */
export type RouteResult<R extends RouteSpec> = R['response'] extends z.ZodType ? z.input<R['response']>
  : void

/** What a caller gets back, parsed by the response schema. */
export type RouteResponse<R extends RouteSpec> = R['response'] extends z.ZodType ? z.output<R['response']>
  : void

// A part every field of which is optional (a list's query) may be left out altogether.
// deno-lint-ignore ban-types
type Optional<K extends string, T> = undefined extends T ? { [P in K]?: T } : {} extends T ? { [P in K]?: T }
: { [P in K]: T }

/** What a caller sends: params, query and body as the schemas accept them, each required when it must be. */
export type RouteArgs<R extends RouteSpec> =
  & Optional<'params', Input<R['params']>>
  & Optional<'query', Input<R['query']>>
  & Optional<'body', Input<R['body']>>

/** Whether the route acts on a tenant (and needs the `x-tenant-id` header). */
export function isTenantRoute(route: RouteSpec): route is RouteSpec & { access: Permission } {
  return !['user', 'public', 'provider-signed'].includes(route.access)
}

export function successStatus(route: RouteSpec): 200 | 201 | 202 | 204 {
  return route.response === null ? 204 : route.status ?? 200
}

export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1])
}

/** The path with its params filled in, each percent-encoded: `/assistants/:id` → `/assistants/3f…`. */
export function fillPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === null || value === '') throw new Error(`missing path param "${name}"`)
    return encodeURIComponent(String(value))
  })
}

/** The query string of a call (`?a=1&b=x`, or ''); undefined values are left out. */
export function queryString(query: Record<string, unknown> = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** `<function>/<path>?<query>` as supabase.functions.invoke takes it (no slash before the function). */
export function functionPath(
  route: BoundRoute,
  args: { params?: Record<string, unknown>; query?: Record<string, unknown> } = {},
): string {
  const path = fillPath(route.path, args.params)
  return `${route.fn}${path === '/' ? '' : path}${queryString(args.query)}`
}
