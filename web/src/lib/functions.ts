import {
  FunctionsFetchError,
  FunctionsHttpError,
  FunctionsRelayError,
  type SupabaseClient,
} from '@supabase/supabase-js'
import { MAX_PAGE_SIZE, type Page } from '@shared/contracts/pagination.ts'
import { type FieldError, Problem } from '@shared/contracts/problem.ts'
import {
  type BoundRoute,
  functionPath,
  type RouteArgs,
  type RouteResponse,
  successStatus,
} from '@shared/contracts/route.ts'
import { TENANT_HEADER } from '@shared/contracts/tenants.ts'
import { supabase } from './supabase.ts'

/** Every failed call, whatever went wrong: the server's problem+json, or one we make up for transport failures. */
export class ProblemError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail?: string
  readonly errors: FieldError[]
  readonly requestId?: string

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title)
    this.name = 'ProblemError'
    this.status = problem.status
    this.code = problem.code
    this.title = problem.title
    this.detail = problem.detail
    this.errors = problem.errors ?? []
    this.requestId = problem.request_id
  }

  fieldError(field: string): FieldError | undefined {
    return this.errors.find((e) => e.field === field)
  }
}

export function isProblemError(error: unknown): error is ProblemError {
  return error instanceof ProblemError
}

/** What a call sends: the route's params, query and body, and the tenant it acts on. */
export type CallArgs<R extends BoundRoute> = RouteArgs<R> & {
  /** Sent as x-tenant-id; required by tenant routes. */
  tenantId?: string
}

/**
 * Calls one entry of a function's route table over any client (tests aim it at a loopback stack): the path
 * is filled from the entry, the response parsed by its schema, so a renamed path or a changed response is a
 * type error here rather than a broken page. Throws ProblemError, never shows anything itself.
 */
export async function invokeFunction<R extends BoundRoute>(
  client: SupabaseClient,
  route: R,
  args: CallArgs<R>,
): Promise<RouteResponse<R>> {
  const { params, query, body, tenantId } = args as CallArgs<BoundRoute> & {
    params?: Record<string, unknown>
    query?: Record<string, unknown>
    body?: unknown
  }
  const result = await client.functions.invoke<unknown>(functionPath(route, { params, query }), {
    method: route.method,
    body: body as Record<string, unknown> | undefined,
    headers: tenantId ? { [TENANT_HEADER]: tenantId } : undefined,
  })
  if (result.error) throw await toProblemError(result.error as unknown)
  return parseResponse(route, successStatus(route), result.data)
}

/**
 * A route's answer from a raw status and body: at the route's own success status, the body parsed by its
 * response schema (a mismatch is an `invalid_response` problem); at any other, the ProblemError it carries.
 */
export function parseResponse<R extends BoundRoute>(
  route: R,
  status: number,
  data: unknown,
  statusText = '',
): RouteResponse<R> {
  if (status !== successStatus(route)) throw problemFromResponse(status, data, statusText)
  if (route.response === null) return undefined as RouteResponse<R>
  const parsed = route.response.safeParse(data)
  if (!parsed.success) {
    throw new ProblemError({
      type: 'about:blank',
      title: 'Unexpected response',
      status: 0,
      code: 'invalid_response',
      detail: `${route.method} ${route.fn}${route.path} answered with a body that does not match its contract`,
    })
  }
  return parsed.data as RouteResponse<R>
}

/** Calls a route as the signed-in user. */
export function callFunction<R extends BoundRoute>(route: R, args: CallArgs<R>): Promise<RouteResponse<R>> {
  return invokeFunction(supabase, route, args)
}

/** The item type of a list route (one answering `{ items, next_cursor }`). */
export type PageItem<R extends BoundRoute> = RouteResponse<R> extends Page<infer T> ? T : never

/**
 * Every item of a list route, following `next_cursor` page after page at the largest page size: for the
 * lists a tenant keeps short (its numbers, workflows, files…) that a page shows whole.
 */
export async function allPages<R extends BoundRoute>(route: R, args: CallArgs<R>): Promise<PageItem<R>[]> {
  const items: PageItem<R>[] = []
  const query = (args as { query?: Record<string, unknown> }).query
  let cursor: string | undefined
  do {
    const pageArgs = { ...args, query: { ...query, limit: MAX_PAGE_SIZE, cursor } } as CallArgs<R>
    const page = await callFunction(route, pageArgs) as Page<PageItem<R>>
    items.push(...page.items)
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  return items
}

async function toProblemError(error: unknown): Promise<ProblemError> {
  if (error instanceof FunctionsHttpError || error instanceof FunctionsRelayError) {
    const response = error.context as Response
    const body: unknown = await response.json().catch(() => undefined)
    const code = error instanceof FunctionsRelayError ? 'relay_error' : 'http_error'
    return problemFromResponse(response.status, body, response.statusText, code)
  }
  if (error instanceof FunctionsFetchError) {
    return new ProblemError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' })
  }
  return new ProblemError({ type: 'about:blank', title: 'Unknown error', status: 0, code: 'unknown_error' })
}

/**
 * What a call outside supabase-js (an upload through XMLHttpRequest, for its progress events) needs: the
 * function's URL and the headers supabase-js would send (the session's token, the anon key, the tenant).
 */
export async function functionRequest<R extends BoundRoute>(
  route: R,
  args: { tenantId?: string; params?: Record<string, unknown>; query?: Record<string, unknown> },
): Promise<{ url: string; headers: Record<string, string> }> {
  const { data } = await supabase.auth.getSession()
  const headers: Record<string, string> = { apikey: import.meta.env.VITE_SUPABASE_ANON_KEY }
  if (data.session) headers.Authorization = `Bearer ${data.session.access_token}`
  if (args.tenantId) headers[TENANT_HEADER] = args.tenantId
  const url = `${import.meta.env.VITE_SUPABASE_URL}/functions/v1/${functionPath(route, args)}`
  return { url, headers }
}

/** A ProblemError from a raw response's status and body (problem+json when the server sent one). */
export function problemFromResponse(status: number, body: unknown, statusText = '', code = 'http_error'): ProblemError {
  const problem = Problem.safeParse(body)
  if (problem.success) return new ProblemError(problem.data)
  return status === 0
    ? new ProblemError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' })
    : new ProblemError({ type: 'about:blank', title: statusText || 'Request failed', status, code })
}
