/**
 * The Hono app factory every function starts from: base path `/<name>`, CORS for the SPA, a request id,
 * one error renderer (RFC 9457 problem+json), and the request parsing helpers the route helper (routes.ts)
 * uses. Handlers never call these per route: they declare routes and routes.ts binds them.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import type { z } from 'zod'
import type { Problem } from '../../../shared/contracts/problem.ts'
import { checkUpload, uploadHeadLength, type UploadSpec } from '../../../shared/contracts/route.ts'
import { MAX_JSON_DEPTH, parseJsonText } from '../../../shared/json.ts'
import { readBodyBytes } from '../../../shared/request-body.ts'
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from '../../../shared/text.ts'
import { TENANT_HEADER } from '../../../shared/contracts/tenants.ts'
import type { Permission } from '../../../shared/permissions.ts'
import type { Tx } from './db.ts'
import type { CoreDeps } from './deps.ts'
import { AppError, type FieldError, Forbidden, NotFound, ValidationFailed } from './errors.ts'
import { errorFields, type Logger } from './log.ts'

export type AppEnv = { Variables: { requestId: string } }

/** JSON bodies of this API are small forms; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 64 * 1024

const ALLOWED_HEADERS = [
  'authorization',
  'x-client-info',
  'apikey',
  'content-type',
  'x-tenant-id',
  'x-request-id',
  'x-supabase-api-version',
]

export function createApp(name: string, deps: Pick<CoreDeps, 'env' | 'log'>) {
  const app = new Hono<AppEnv>().basePath(`/${name}`)
  const origins = deps.env.APP_ORIGINS
  app.use('*', requestId({ headerName: 'x-request-id' }))
  // Before auth: a preflight carries no token and must still be answered.
  app.use(
    '*',
    cors({
      origin: (origin) => origins.includes(origin) ? origin : null,
      allowHeaders: ALLOWED_HEADERS,
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['x-request-id'],
      maxAge: 600,
    }),
  )
  app.notFound((c) =>
    problem(c, deps.log, new NotFound('route_not_found', `No route for ${c.req.method} ${c.req.path}`))
  )
  app.onError((error, c) => problem(c, deps.log, error))
  return app
}

/** Renders any thrown value as problem+json; unknown errors are logged (without request data) and hidden. */
export function problem(c: Context, log: Logger, error: unknown): Response {
  let known: AppError
  if (error instanceof AppError) {
    known = error
    if (known.status >= 500) log.error('request_failed', { request_id: c.get('requestId'), code: known.code })
  } else if (error instanceof HTTPException) {
    known = new AppError(error.status, 'http_error', error.message || 'Request failed')
  } else {
    log.error('request_failed', { request_id: c.get('requestId'), ...errorFields(error) })
    known = new AppError(500, 'internal_error', 'Something went wrong on our side', {
      detail: 'Quote the request id when reporting this',
    })
  }
  const body: Problem = {
    type: `urn:switchboard:problem:${known.code}`,
    title: known.title,
    status: known.status,
    code: known.code,
    ...(known.detail ? { detail: known.detail } : {}),
    ...(known.errors ? { errors: known.errors } : {}),
    request_id: c.get('requestId'),
  }
  const headers = new Headers(known.headers)
  headers.set('content-type', 'application/problem+json')
  // Preserve what earlier middleware set (CORS, x-request-id) on the response we replace.
  c.res.headers.forEach((value, key) => {
    if (key !== 'content-type' && key !== 'content-length') headers.set(key, value)
  })
  return new Response(JSON.stringify(body), { status: known.status, headers })
}

/** Reads and validates a JSON body: 415 wrong media type, 413 too large, 400 malformed or invalid fields. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json')
  }
  return parseJsonBody(await readRawBody(c), schema)
}

/**
 * Parses bytes already read (a webhook's, once its signature is checked) as JSON against a schema. The depth
 * is checked on the text before parsing, so no body can make the parser (or a later walk) recurse deep; a NUL
 * or an unpaired surrogate anywhere (Postgres text cannot hold the first, UTF-8 cannot encode the second) is
 * a 400 naming the field before any schema or database sees it.
 */
export function parseJsonBody<S extends z.ZodType>(bytes: Uint8Array, schema: S): z.output<S> {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new AppError(400, 'malformed_json', 'The body is not valid UTF-8 JSON')
  }
  const parsed = parseJsonText(text, { maxDepth: MAX_JSON_DEPTH })
  if (!parsed.ok && parsed.reason === 'too_deep') {
    throw new AppError(400, 'json_too_deep', 'The body nests too deeply', {
      detail: `At most ${MAX_JSON_DEPTH} levels of objects and arrays`,
    })
  }
  if (!parsed.ok) throw new AppError(400, 'malformed_json', 'The body is not valid JSON')
  rejectUnsafeText(parsed.value, '')
  return validate(schema, parsed.value, '')
}

function rejectUnsafeText(value: unknown, prefix: string): void {
  const unsafe = findUnsafeText(value)
  if (!unsafe) return
  throw new ValidationFailed([{
    field: prefix + (unsafe.path || 'body'),
    message: UNSAFE_TEXT_MESSAGE[unsafe.reason],
    code: 'invalid_text',
  }])
}

/** The raw body, read as a stream and cut off past `maxBytes` (413) whatever content-length claims. */
export async function readRawBody(c: Context, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const bytes = await readBodyBytes(c.req.raw, maxBytes)
  if (bytes === 'too_large') throw tooLarge(maxBytes)
  return bytes
}

/** Room for a multipart body's boundaries and part headers beyond the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024

/**
 * Reads an upload route's one file (multipart/form-data): 415 for another media type, 413 as soon as the
 * announced or received size passes the limit (before reading the rest), then the route's rules
 * (checkUpload: size, extension, declared type, signature) — every refusal naming the field.
 */
export async function parseUpload(c: Context, spec: UploadSpec): Promise<File> {
  const { field } = spec
  const type = c.req.header('content-type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw uploadProblem(415, 'unsupported_media_type', 'Send the file as multipart/form-data', {
      field,
      message: `Send the file as multipart/form-data in the "${field}" field`,
      code: 'multipart_required',
    })
  }
  const bytes = await readBodyBytes(c.req.raw, spec.maxBytes + MULTIPART_OVERHEAD_BYTES)
  if (bytes === 'too_large') {
    throw uploadProblem(413, 'payload_too_large', 'The file is too large', {
      field,
      message: `At most ${spec.maxBytes} bytes`,
      code: 'too_large',
    })
  }
  let file: FormDataEntryValue | null
  try {
    file = (await new Response(bytes, { headers: { 'content-type': type } }).formData()).get(field)
  } catch {
    throw new AppError(400, 'malformed_multipart', 'The body is not valid multipart/form-data')
  }
  if (!(file instanceof File)) {
    throw new ValidationFailed([{ field, message: 'Required: the file to upload', code: 'required' }])
  }
  const head = new Uint8Array(await file.slice(0, uploadHeadLength(spec)).arrayBuffer())
  const refusal = checkUpload(spec, file, head)
  if (!refusal) return file
  const error = { field, message: refusal.message, code: refusal.reason }
  if (refusal.status === 400) throw new ValidationFailed([error])
  throw refusal.status === 413
    ? uploadProblem(413, 'payload_too_large', 'The file is too large', error)
    : uploadProblem(415, 'unsupported_media_type', 'This type of file is not accepted', error)
}

function uploadProblem(status: 413 | 415, code: string, title: string, error: FieldError): AppError {
  return new AppError(status, code, title, { detail: error.message, errors: [error] })
}

/** Validates the query string; fields are reported as `query.<name>`. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const query = c.req.query()
  rejectUnsafeText(query, 'query.')
  return validate(schema, query, 'query.')
}

/** Validates the path params; fields are reported as `path.<name>`. */
export function parseParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const params = c.req.param()
  rejectUnsafeText(params, 'path.')
  return validate(schema, params, 'path.')
}

export function validate<S extends z.ZodType>(schema: S, input: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: prefix + (issue.path.length ? issue.path.join('.') : 'body'),
    message: issue.message,
    code: issue.code,
  }))
  throw new ValidationFailed(errors)
}

function tooLarge(maxBytes: number) {
  return new AppError(413, 'payload_too_large', 'The body is too large', {
    detail: `At most ${maxBytes} bytes`,
  })
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The tenant a request acts on, from the `x-tenant-id` header. */
export function tenantId(c: Context): string {
  const value = c.req.header(TENANT_HEADER)?.trim()
  if (value && UUID.test(value)) return value.toLowerCase()
  const message = value ? 'Must be a tenant id (uuid)' : 'Required: the tenant this request acts on'
  throw new AppError(400, 'tenant_header_invalid', `Invalid ${TENANT_HEADER} header`, {
    detail: message,
    errors: [{ field: TENANT_HEADER, message, code: value ? 'invalid_format' : 'required' }],
  })
}

/**
 * Asks the database (inside the caller's transaction) whether the user holds `perm` in the tenant: 404 when
 * they are not an active member at all, so tenant ids cannot be probed, 403 naming the permission otherwise.
 */
export async function requirePermission(tx: Tx, tenant: string, perm: Permission): Promise<void> {
  const [row] = await tx<{ member: boolean; allowed: boolean }[]>`
    select private.is_member(${tenant}::uuid) as member, private.has_permission(${tenant}::uuid, ${perm}) as allowed`
  if (!row.member) throw new NotFound('tenant_not_found', 'No such tenant, or you are not a member of it')
  if (!row.allowed) throw new Forbidden('forbidden', `Your role lacks the "${perm}" permission`)
}
