/**
 * The route helper: binds an operation to each entry of a function's route table (shared/contracts). What
 * every route needs is done here once, in this order, never by hand in a handler:
 *   token (user and tenant routes) → x-tenant-id → ONE transaction as the user → the declared permission,
 *   checked inside it → path params, query and body (or an upload's file) parsed by the contract → the
 *   operation → the response (checked against the contract when VALIDATE_RESPONSES is on) with the declared
 *   status.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import {
  isTenantRoute,
  type RouteInput,
  type RouteResult,
  type RouteSpec,
  successStatus,
} from '../../../shared/contracts/route.ts'
import type { Permission } from '../../../shared/permissions.ts'
import { type Claims, verifyBearer } from './auth.ts'
import type { Tx } from './db.ts'
import type { CoreDeps } from './deps.ts'
import { AppError } from './errors.ts'
import {
  type AppEnv,
  parseBody,
  parseJsonBody,
  parseParams,
  parseQuery,
  parseUpload,
  readRawBody,
  requirePermission,
  tenantId,
} from './http.ts'

interface BaseContext<R extends RouteSpec, D> {
  deps: D
  /** Path params and query, parsed; the body too except on provider-signed routes (see SignedContext). */
  input: RouteInput<R>
  request: Request
  requestId: string
}

/** A signed-in user's route: one transaction as that user, RLS deciding what it sees. */
export interface UserContext<R extends RouteSpec, D> extends BaseContext<R, D> {
  claims: Claims
  tx: Tx
}

/** A tenant route: as UserContext, with the tenant of `x-tenant-id`, whose permission was checked. */
export interface TenantContext<R extends RouteSpec, D> extends UserContext<R, D> {
  tenant: string
}

/** A provider's webhook: the raw body to verify the signature on, then parse with `body()`. */
export interface SignedContext<R extends RouteSpec, D> extends BaseContext<R, D> {
  rawBody: Uint8Array
  body(): RouteInput<R>['body']
}

export type OperationContext<R extends RouteSpec, D> = R['access'] extends 'public' ? BaseContext<R, D>
  : R['access'] extends 'provider-signed' ? SignedContext<R, D>
  : R['access'] extends 'user' ? UserContext<R, D>
  : TenantContext<R, D>

/**
 * What a route does, given its parsed input. It returns the response body (or nothing for 204); a Response
 * for the rare route that streams or redirects.
 */
export type Operation<R extends RouteSpec, D> = (
  ctx: OperationContext<R, D>,
) => Promise<RouteResult<R> | Response> | RouteResult<R> | Response

type Hono = import('hono').Hono<AppEnv>

/** Registers one route entry with its operation on the function's app. */
export function bindRoute<R extends RouteSpec, D extends CoreDeps>(
  app: Hono,
  name: string,
  route: R,
  operation: Operation<R, D>,
  deps: D,
): void {
  app.on(route.method, route.path, async (c) => {
    const result = await run(c, route, operation as Operation<RouteSpec, D>, deps)
    if (result instanceof Response) return result
    if (deps.env.VALIDATE_RESPONSES) checkResponse(name, route, result)
    const status = successStatus(route)
    if (status === 204) return c.body(null, 204)
    return c.json(result as object, status)
  })
}

async function run<D extends CoreDeps>(
  c: Context<AppEnv>,
  route: RouteSpec,
  operation: Operation<RouteSpec, D>,
  deps: D,
): Promise<unknown> {
  const base = { deps, request: c.req.raw, requestId: c.get('requestId') }
  const input = () => ({
    params: route.params ? parseParams(c, route.params) : undefined,
    query: route.query ? parseQuery(c, route.query) : undefined,
  })
  const withBody = async () => ({
    ...input(),
    body: route.body ? await parseBody(c, route.body) : undefined,
    upload: route.upload ? await parseUpload(c, route.upload) : undefined,
  })

  if (route.access === 'public') return await operation({ ...base, input: await withBody() } as never)

  if (route.access === 'provider-signed') {
    const rawBody = await readRawBody(c, route.maxBodyBytes)
    const body = () => route.body ? parseJsonBody(rawBody, route.body) : undefined
    return await operation(
      { ...base, input: { ...input(), body: undefined, upload: undefined }, rawBody, body } as never,
    )
  }

  const claims = await verifyBearer(deps.verifyJwt, c.req.header('authorization'))
  if (!isTenantRoute(route)) {
    return await deps.db.asUser(
      claims,
      async (tx) => await operation({ ...base, claims, tx, input: await withBody() } as never),
    )
  }

  const tenant = tenantId(c)
  return await deps.db.asUser(claims, async (tx) => {
    await requirePermission(tx, tenant, route.access as Permission)
    return await operation({ ...base, claims, tx, tenant, input: await withBody() } as never)
  })
}

/**
 * A response that breaks its contract is our bug, found here in tests and in the local stack rather than by
 * a user's browser; production skips the check (VALIDATE_RESPONSES off) and sends what it has.
 */
function checkResponse(name: string, route: RouteSpec, result: unknown): void {
  const schema: z.ZodType | null = route.response
  const problems = schema === null
    ? (result === undefined ? [] : ['a 204 route returned a body'])
    : (schema.safeParse(result).error?.issues ?? []).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
  if (problems.length === 0) return
  throw new AppError(500, 'response_contract_violation', 'The response broke its contract', {
    detail: `${route.method} /${name}${route.path}: ${problems.join('; ')}`,
  })
}
