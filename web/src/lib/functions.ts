import {
  FunctionsFetchError,
  FunctionsHttpError,
  FunctionsRelayError,
  type SupabaseClient,
} from '@supabase/supabase-js'
import type { z } from 'zod'
import { type FieldError, Problem } from '@shared/contracts/problem.ts'
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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

interface CallOptions<S extends z.ZodType | undefined> {
  method?: Method
  body?: unknown
  /** Sent as x-tenant-id: the tenant the call acts on. */
  tenantId?: string
  /** The contract of a successful response; without one the body is ignored (204, or nothing the SPA needs). */
  schema?: S
}

type Result<S> = S extends z.ZodType ? z.infer<S> : void

/** `callFunction` over any client, so tests can aim it at a loopback server. */
export async function invokeFunction<S extends z.ZodType | undefined = undefined>(
  client: SupabaseClient,
  name: string,
  { method = 'GET', body, tenantId, schema }: CallOptions<S> = {},
): Promise<Result<S>> {
  const { data, error } = await client.functions.invoke(name, {
    method,
    body: body as Record<string, unknown> | undefined,
    headers: tenantId ? { [TENANT_HEADER]: tenantId } : undefined,
  })
  if (error) throw await toProblemError(error)
  if (!schema) return undefined as Result<S>
  const parsed = schema.safeParse(data)
  if (!parsed.success) {
    throw new ProblemError({
      type: 'about:blank',
      title: 'Unexpected response',
      status: 0,
      code: 'invalid_response',
      detail: `${name} answered with a body that does not match its contract`,
    })
  }
  return parsed.data as Result<S>
}

/** Calls an Edge Function as the signed-in user; throws ProblemError, never shows anything itself. */
export function callFunction<S extends z.ZodType | undefined = undefined>(
  name: string,
  options?: CallOptions<S>,
) {
  return invokeFunction(supabase, name, options)
}

async function toProblemError(error: unknown): Promise<ProblemError> {
  if (error instanceof FunctionsHttpError || error instanceof FunctionsRelayError) {
    const response = error.context as Response
    const body = await response.json().catch(() => undefined)
    const problem = Problem.safeParse(body)
    if (problem.success) return new ProblemError(problem.data)
    return new ProblemError({
      type: 'about:blank',
      title: response.statusText || 'Request failed',
      status: response.status,
      code: error instanceof FunctionsRelayError ? 'relay_error' : 'http_error',
    })
  }
  if (error instanceof FunctionsFetchError) {
    return new ProblemError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' })
  }
  return new ProblemError({ type: 'about:blank', title: 'Unknown error', status: 0, code: 'unknown_error' })
}
